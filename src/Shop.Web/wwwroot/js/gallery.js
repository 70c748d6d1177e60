// The product gallery without page loads: a thumbnail shows its picture large, the arrow keys (and Home,
// End) move between thumbnails, the large picture opens a bigger view in a dialog, and choosing a variant
// (variant-picker.js) shows its picture. Without this script the same links load the page or the file.
(() => {
  const gallery = document.querySelector('[data-gallery]');
  const thumbs = gallery ? [...gallery.querySelectorAll('[data-gallery-thumb]')] : [];
  if (!gallery || thumbs.length === 0) return;
  const zoom = gallery.querySelector('[data-gallery-zoom]');
  const image = gallery.querySelector('[data-gallery-image]');
  const source = image.closest('picture')?.querySelector('source');
  const dialog = gallery.querySelector('[data-gallery-dialog]');
  const large = dialog.querySelector('[data-gallery-large]');
  let current = Math.max(0, thumbs.findIndex(t => t.getAttribute('aria-current') === 'true'));
  const fill = (text, ...values) => text.replace(/\{(\d)\}/g, (_, n) => values[n]);

  function select(index, focus) {
    current = (index + thumbs.length) % thumbs.length;
    const thumb = thumbs[current];
    if (source) source.srcset = thumb.dataset.srcsetWebp;
    image.srcset = thumb.dataset.srcset;
    image.src = thumb.dataset.src;
    image.alt = thumb.dataset.alt;
    zoom.href = thumb.dataset.large;
    zoom.setAttribute('aria-label', fill(gallery.dataset.zoomLabel, current + 1, thumbs.length));
    thumbs.forEach((t, i) => {
      if (i === current) { t.setAttribute('aria-current', 'true'); t.removeAttribute('tabindex'); }
      else { t.removeAttribute('aria-current'); t.tabIndex = -1; }
    });
    if (focus) thumb.focus();
    if (dialog.open) showLarge();
  }

  function showLarge() {
    const thumb = thumbs[current];
    large.src = thumb.dataset.large;
    large.alt = thumb.dataset.alt;
    dialog.querySelector('[data-gallery-count]').textContent = fill(gallery.dataset.countLabel, current + 1, thumbs.length, thumb.dataset.alt);
  }

  thumbs.forEach((thumb, i) => thumb.addEventListener('click', event => { event.preventDefault(); select(i, false); }));
  gallery.querySelector('.gallery-thumbs').addEventListener('keydown', event => {
    const moves = { ArrowRight: current + 1, ArrowDown: current + 1, ArrowLeft: current - 1, ArrowUp: current - 1, Home: 0, End: thumbs.length - 1 };
    if (!(event.key in moves)) return;
    event.preventDefault();
    select(moves[event.key], true);
  });
  zoom.addEventListener('click', event => {
    event.preventDefault();
    showLarge();
    dialog.showModal();
  });
  dialog.querySelector('[data-gallery-previous]').addEventListener('click', () => select(current - 1, false));
  dialog.querySelector('[data-gallery-next]').addEventListener('click', () => select(current + 1, false));
  dialog.querySelector('[data-gallery-close]').addEventListener('click', () => dialog.close());
  dialog.addEventListener('keydown', event => {
    if (event.key === 'ArrowRight') select(current + 1, false);
    if (event.key === 'ArrowLeft') select(current - 1, false);
  });
  dialog.addEventListener('close', () => zoom.focus());
  document.addEventListener('variant-picture', event => select(event.detail, false));
})();
