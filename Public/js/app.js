// Small helpers; every page works without them.
document.documentElement.classList.add("js");
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});
// Live filter: a list's search box submits itself shortly after the user stops typing.
document.querySelectorAll("input[data-live-filter]").forEach((input) => {
  let timer;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => input.form.requestSubmit(), 500);
  });
});
// The phone menu: a button that opens and closes it, announced to screen readers.
document.querySelectorAll(".menu-button").forEach((button) => {
  button.addEventListener("click", () => {
    button.setAttribute("aria-expanded", button.getAttribute("aria-expanded") === "true" ? "false" : "true");
  });
});
// "Sao chép": copies the text of the element it names (a confirmation link, to paste into a chat).
document.querySelectorAll("button[data-copy]").forEach((button) => {
  button.addEventListener("click", async () => {
    const text = document.getElementById(button.dataset.copy)?.textContent ?? "";
    try {
      await navigator.clipboard.writeText(text.trim());
      button.textContent = "Đã sao chép";
    } catch {
      button.textContent = "Hãy chọn và sao chép thủ công";
    }
  });
});
// A long choice of agency: as the user types a name, the page's own search is read in the
// background and its options replace the list's; the agency already chosen stays chosen.
document.querySelectorAll("input[data-agency-search]").forEach((input) => {
  const field = input.closest(".agency-choice");
  const select = field?.querySelector("select");
  const note = field?.querySelector("[data-agency-note]");
  if (!select || !input.form) return;
  let timer;
  let asked = 0;
  let reading;
  const failed = () => { if (note) note.textContent = "Chưa tìm được lúc này; hãy bấm “Tìm” để thử lại."; };
  const search = async () => {
    const ask = ++asked;
    reading?.abort(); // only the last search's answer is shown: the earlier ones are not read
    reading = new AbortController();
    const url = new URL(input.form.action, window.location.href);
    url.searchParams.set(input.name, input.value);
    try {
      const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" }, signal: reading.signal });
      if (!response.ok) { if (ask === asked) failed(); return; }
      const html = await response.text();
      if (ask !== asked) return; // a later search was made meanwhile: its answer is the one to show
      const page = new DOMParser().parseFromString(html, "text/html");
      const found = page.querySelector(".agency-choice select");
      if (!found) return;
      const chosen = select.selectedOptions[0];
      const options = [...found.options].map((option) => document.importNode(option, true));
      options.forEach((option) => { option.selected = false; });
      if (chosen && chosen.value && !options.some((option) => option.value === chosen.value)) options.splice(1, 0, chosen);
      select.replaceChildren(...options);
      select.value = chosen ? chosen.value : "";
      if (note) note.textContent = page.querySelector("[data-agency-note]")?.textContent ?? "";
    } catch (error) {
      // Offline or refused: the list stays as it is, and the note says so (an aborted read is a
      // later search's doing, and says nothing).
      if (error.name !== "AbortError" && ask === asked) failed();
    }
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, 300);
  });
  // "Tìm" and Enter search in place, so what the user typed in the form stays.
  input.form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
});
