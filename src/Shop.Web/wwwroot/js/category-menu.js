// The header's category menus, which open and close on their own (details/summary), get: panels of the
// mega menu that open while the mouse is over their category; Escape closing a panel or the drawer and
// handing focus back to what opened it; a click elsewhere, or focus moving elsewhere, closing it; and the
// drawer's close button.
(() => {
  const panels = [...document.querySelectorAll('details[data-mega-item]')];
  const drawer = document.querySelector('details[data-category-drawer]');
  const closeDelay = 250;

  const closeWhenFocusLeaves = details => details.addEventListener('focusout', event => {
    if (event.relatedTarget && !details.contains(event.relatedTarget)) details.open = false;
  });

  for (const item of panels) {
    const summary = item.querySelector('summary');
    let closing;
    item.addEventListener('pointerenter', event => {
      if (event.pointerType !== 'mouse') return;
      clearTimeout(closing);
      if (!item.open) {
        item.open = true;
        item.dataset.openedByHover = '';
      }
    });
    item.addEventListener('pointerleave', event => {
      if (event.pointerType !== 'mouse') return;
      closing = setTimeout(() => { item.open = false; }, closeDelay);
    });
    // The pointer opened it on its way to the click: the click should not close it again.
    summary.addEventListener('click', event => {
      if (!('openedByHover' in item.dataset)) return;
      event.preventDefault();
      delete item.dataset.openedByHover;
    });
    item.addEventListener('toggle', () => { if (!item.open) delete item.dataset.openedByHover; });
    closeWhenFocusLeaves(item);
  }

  document.addEventListener('click', event => {
    for (const item of panels) if (item.open && !item.contains(event.target)) item.open = false;
  });

  document.addEventListener('keydown', event => {
    if (event.key !== 'Escape') return;
    const open = drawer?.open ? drawer : panels.find(item => item.open);
    if (!open) return;
    open.open = false;
    open.querySelector('summary').focus();
  });

  if (drawer) {
    const close = drawer.querySelector('[data-drawer-close]');
    close.hidden = false;
    close.addEventListener('click', () => {
      drawer.open = false;
      drawer.querySelector('summary').focus();
    });
    drawer.addEventListener('toggle', () => { if (drawer.open) close.focus(); });
    closeWhenFocusLeaves(drawer);
  }
})();
