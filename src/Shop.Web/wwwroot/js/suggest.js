// Suggestions under the header search box while typing. Without JavaScript the box still
// submits to /search; this only adds the list.
(() => {
  const input = document.getElementById('site-search');
  if (!input) return;
  const list = document.createElement('ul');
  list.id = 'search-suggestions';
  list.className = 'suggestions';
  list.setAttribute('role', 'listbox');
  list.hidden = true;
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('aria-autocomplete', 'list');
  input.closest('form').append(list);
  let timer, controller;

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      if (q.length < 2) { list.hidden = true; return; }
      controller?.abort();
      controller = new AbortController();
      try {
        const response = await fetch(`/api/v1/catalog/suggest?q=${encodeURIComponent(q)}`, { signal: controller.signal });
        const suggestions = response.ok ? await response.json() : [];
        list.replaceChildren(...suggestions.map(s => {
          const item = document.createElement('li');
          item.setAttribute('role', 'option');
          const link = document.createElement('a');
          link.href = s.url;
          link.textContent = s.text;
          const kind = document.createElement('span');
          kind.className = 'kind';
          kind.textContent = s.kind;
          link.append(kind);
          item.append(link);
          return item;
        }));
        list.hidden = suggestions.length === 0;
      } catch (e) {
        if (e.name !== 'AbortError') list.hidden = true;
      }
    }, 150);
  });
  input.addEventListener('keydown', e => { if (e.key === 'Escape') list.hidden = true; });
  document.addEventListener('click', e => { if (!input.closest('form').contains(e.target)) list.hidden = true; });
})();
