// Keeps the header's cart count and notification bell current: when a page is shown again from the
// back/forward cache, when its tab comes back into view, when the connection returns, and (the bell) once a
// minute while visible.
(() => {
  const cart = document.querySelector('[data-cart-count]');
  const bell = document.querySelector('[data-unread-count]');

  async function read(url) {
    const response = await fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    return response.ok ? response.json() : null;
  }

  async function refreshCart() {
    const cartState = cart && await read('/api/v1/cart');
    if (!cartState) return;
    cart.textContent = cartState.itemCount;
    cart.setAttribute('aria-label', `${cartState.itemCount} items`);
    cart.hidden = cartState.itemCount === 0;
  }

  async function refreshBell() {
    const inbox = bell && await read('/api/v1/notifications?pageSize=1');
    if (!inbox) return;
    bell.textContent = inbox.unreadCount;
    bell.hidden = inbox.unreadCount === 0;
    bell.closest('a').setAttribute('aria-label', `Notifications, ${inbox.unreadCount} unread`);
  }

  const refresh = () => Promise.all([refreshCart(), refreshBell()]);
  window.addEventListener('pageshow', event => { if (event.persisted) refresh(); });
  window.addEventListener('online', refresh);
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') refresh(); });
  if (bell) setInterval(() => { if (document.visibilityState === 'visible') refreshBell(); }, 60_000);
})();
