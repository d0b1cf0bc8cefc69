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
