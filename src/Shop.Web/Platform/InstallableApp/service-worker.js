// The shop's service worker. Shop pages come from the network first and from the cache when it fails (the
// offline page when a page was never seen); stored pictures from the cache first, a bounded number kept;
// the shell (styles, scripts, icons, offline page) is cached when the worker installs. Anything personal or
// changing (account, cart, checkout, orders, API, admin, seller, support) is never cached.
// __VERSION__ is the build's: a new deployment installs a new worker, which deletes the old caches.
const VERSION = '__VERSION__';
const SHELL = `shell-${VERSION}`;
const PAGES = `pages-${VERSION}`;
const PICTURES = 'pictures';
const MAX_PICTURES = 300;
const MAX_PAGES = 60;
const OFFLINE = '/offline';
const CACHED_PAGES = /^\/($|c\/|p\/|search$|pages\/)/;
const SHELL_FILES = /^\/(css|js|lib|icons)\//;

self.addEventListener('install', event => {
  event.waitUntil((async () => {
    const cache = await caches.open(SHELL);
    const offline = await fetch(OFFLINE, { cache: 'reload' });
    const html = await offline.clone().text();
    // The offline page links every stylesheet and script of the shop's layout, by their fingerprinted names.
    const files = [...html.matchAll(/(?:href|src|data-[a-z]+)="(\/(?:css|js|lib)\/[^"]+)"/g)].map(match => match[1]);
    await cache.put(OFFLINE, offline);
    await cache.addAll([...new Set(files), '/icons/app-192.png', '/favicon.svg']);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', event => {
  event.waitUntil((async () => {
    const keep = [SHELL, PAGES, PICTURES];
    for (const name of await caches.keys())
      if (!keep.includes(name)) await caches.delete(name);
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', event => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/media/')) event.respondWith(cacheFirst(request, PICTURES, MAX_PICTURES));
  else if (SHELL_FILES.test(url.pathname)) event.respondWith(cacheFirst(request, SHELL));
  else if (request.mode === 'navigate') event.respondWith(page(request, CACHED_PAGES.test(url.pathname)));
});

async function page(request, keep) {
  try {
    const response = await fetch(request);
    if (keep && response.ok && !response.redirected) {
      const cache = await caches.open(PAGES);
      await cache.put(request, response.clone());
      await trim(cache, MAX_PAGES);
    }
    return response;
  } catch {
    return (keep && await caches.match(request, { cacheName: PAGES })) || await caches.match(OFFLINE, { cacheName: SHELL }) || Response.error();
  }
}

async function cacheFirst(request, name, limit) {
  const cached = await caches.match(request, { cacheName: name });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const cache = await caches.open(name);
    await cache.put(request, response.clone());
    if (limit) await trim(cache, limit);
  }
  return response;
}

// Oldest entries go first (a cache lists its keys in the order they were put).
async function trim(cache, limit) {
  const keys = await cache.keys();
  for (const key of keys.slice(0, Math.max(0, keys.length - limit))) await cache.delete(key);
}

// A push from the shop (order updates, support replies): shown as a notification; a tap opens its page.
self.addEventListener('push', event => {
  const message = event.data ? event.data.json() : {};
  event.waitUntil(self.registration.showNotification(message.title || 'News from the shop', {
    body: message.body || '',
    tag: message.tag,
    icon: '/icons/app-192.png',
    data: { url: message.url || '/' },
  }));
});

self.addEventListener('notificationclick', event => {
  event.notification.close();
  const target = new URL(event.notification.data?.url || '/', self.location.origin);
  const url = target.origin === self.location.origin ? target.href : self.location.origin + '/';
  event.waitUntil((async () => {
    const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
    const open = windows.find(w => w.url === url);
    return open ? open.focus() : self.clients.openWindow(url);
  })());
});
