// The filters panel is sent closed, so on phones (one column) the results come first without anything
// moving once the page has loaded; wide screens show its content beside the results by CSS, and this
// opens it there too, so its state matches what is shown. Without JavaScript it opens with a tap.
(() => {
  if (!window.matchMedia('(min-width: 801px)').matches) return;
  for (const panel of document.querySelectorAll('details[data-open-on-wide-screens]')) panel.open = true;
})();
