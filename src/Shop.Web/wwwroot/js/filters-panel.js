// On phones (where the listing is one column) the filters start closed behind their "Filters (n)" summary,
// so the results come first; without JavaScript they stay open and the page still works.
(() => {
  if (!window.matchMedia('(max-width: 800px)').matches) return;
  for (const panel of document.querySelectorAll('details[data-closed-on-phones]')) panel.open = false;
})();
