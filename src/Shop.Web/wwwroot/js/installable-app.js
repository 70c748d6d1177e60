// Lets the shop work as an installed app: registers its service worker and, on the offline page (which
// the worker shows for a page it cannot fetch), lists the products viewed recently that the worker kept,
// and reloads the page the shopper asked for as soon as the connection is back.
(() => {
  if ('serviceWorker' in navigator) navigator.serviceWorker.register('/sw.js').catch(() => {});

  const offline = document.querySelector('[data-offline-page]');
  if (!offline) return;
  offline.querySelector('[data-retry]').addEventListener('click', () => location.reload());
  // "Online" says a network is there, not that the shop answers: ask it first, and keep asking (less and
  // less often) while the browser believes it is online.
  let wait = 2000;
  const retry = async () => {
    try {
      await fetch(location.href, { method: 'HEAD', cache: 'no-store' });
      location.reload();
    } catch {
      if (navigator.onLine) setTimeout(retry, wait = Math.min(wait * 2, 30000));
    }
  };
  window.addEventListener('online', retry);
  if (navigator.onLine) setTimeout(retry, wait);

  (async () => {
    if (!('caches' in window)) return;
    const list = offline.querySelector('.offline-pages');
    for (const name of (await caches.keys()).filter(n => n.startsWith('pages-'))) {
      const cache = await caches.open(name);
      for (const request of (await cache.keys()).reverse()) {
        const url = new URL(request.url);
        if (!url.pathname.startsWith('/p/')) continue;
        const html = await (await cache.match(request)).text();
        const title = new DOMParser().parseFromString(html, 'text/html').querySelector('h1')?.textContent.trim();
        if (!title) continue;
        const link = Object.assign(document.createElement('a'), { href: url.pathname + url.search, textContent: title });
        list.appendChild(document.createElement('li')).appendChild(link);
      }
    }
    offline.querySelector('[data-recently-viewed]').hidden = list.children.length === 0;
  })();
})();
