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
