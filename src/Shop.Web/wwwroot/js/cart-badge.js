// Keeps the header's cart count current when a page is shown again from the back/forward cache
// or its tab comes back into view after the cart changed elsewhere.
(() => {
  const badge = document.querySelector('[data-cart-count]');
  if (!badge) return;

  async function refresh() {
    const response = await fetch('/api/v1/cart', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const { itemCount } = await response.json();
    badge.textContent = itemCount;
    badge.setAttribute('aria-label', `${itemCount} items`);
    badge.hidden = itemCount === 0;
  }

  window.addEventListener('pageshow', event => { if (event.persisted) refresh(); });
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') refresh(); });
})();
