// On phones tables stack each row's cells one under another (site.css, "Tables"); each cell gets its
// column's header as data-label so the stacked value still says what it is.
(() => {
  const headerText = th => {
    const hidden = th.querySelector('.visually-hidden');
    return hidden && hidden.textContent.trim() === th.textContent.trim() ? '' : th.textContent.trim();
  };
  for (const table of document.querySelectorAll('main table')) {
    const headers = [...table.querySelectorAll('thead th')].flatMap(th => Array(th.colSpan).fill(headerText(th)));
    for (const row of table.querySelectorAll('tbody tr')) {
      let column = 0;
      for (const cell of row.cells) {
        if (headers[column] && !cell.hasAttribute('data-label')) cell.dataset.label = headers[column];
        column += cell.colSpan;
      }
    }
  }
})();
