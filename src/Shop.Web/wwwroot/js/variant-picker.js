// Keeps a product page's buy box in step with the options picked: price, compare-at price, stock,
// picture, and the variant that "Add to cart" and "Save to wishlist" send. The server renders every
// variant's texts into the picker; without JavaScript the picker's own button asks the server instead.
(() => {
  const picker = document.querySelector('form.variant-picker[data-variants]');
  if (!picker) return;
  const variants = JSON.parse(picker.dataset.variants);
  const buyBox = picker.closest('.buy-box');
  const addToCart = buyBox.querySelector('form.add-to-cart');
  const fieldsets = [...picker.querySelectorAll('fieldset')];
  const find = selector => document.querySelector(selector);

  const chosenOptions = () => Object.fromEntries(new FormData(picker));
  const matches = (variant, options) => Object.entries(options).every(([name, value]) => variant.options[name] === value);
  // As the server picks: among the variants with these options, the first in stock.
  const variantFor = options => {
    const matching = variants.filter(v => matches(v, options));
    return matching.find(v => v.available > 0) ?? matching[0];
  };

  function show(variant) {
    find('[data-variant-price]').textContent = variant?.price ?? '';
    const estimate = find('[data-variant-estimate]');
    if (estimate) estimate.textContent = variant?.estimate ?? '';
    const compareAt = find('[data-variant-compare-at]');
    compareAt.textContent = variant?.compareAtPrice ?? '';
    compareAt.hidden = !variant?.compareAtPrice;
    const saving = find('[data-variant-saving]');
    saving.textContent = variant?.saving ?? '';
    saving.hidden = !variant?.saving;
    const stock = find('[data-variant-stock]');
    stock.textContent = variant?.stock ?? picker.dataset.notOffered;
    stock.className = `stock ${variant?.stockClass ?? 'stock-outofstock'}`;
    // The gallery (gallery.js) shows the variant's picture.
    if (variant) document.dispatchEvent(new CustomEvent('variant-picture', { detail: variant.picture }));
    if (!variant) {
      addToCart.querySelector('button[type=submit]').disabled = true;
      return;
    }
    buyBox.querySelectorAll('[data-variant-id]').forEach(input => { input.value = variant.id; });
    buyBox.querySelectorAll('[data-variant-option]').forEach(input => { input.value = variant.options[input.name] ?? ''; });
    find('[data-variant-sku]').textContent = variant.sku;
    addToCart.querySelector('input[name=Quantity]').max = Math.min(Math.max(variant.available, 1), 99);
    addToCart.querySelector('button[type=submit]').disabled = variant.available === 0;
  }

  // An option value is marked (and described so to screen readers) when, with the other options kept,
  // nothing in stock has it.
  const unavailableNote = picker.querySelector('p[id][hidden]').id;
  function markUnavailable(options) {
    for (const fieldset of fieldsets) {
      for (const input of fieldset.querySelectorAll('input[type=radio]')) {
        const unavailable = !(variantFor({ ...options, [input.name]: input.value })?.available > 0);
        input.closest('.option').classList.toggle('unavailable', unavailable);
        if (unavailable) input.setAttribute('aria-describedby', unavailableNote);
        else input.removeAttribute('aria-describedby');
      }
    }
  }

  picker.addEventListener('change', () => {
    const options = chosenOptions();
    show(variantFor(options));
    markUnavailable(options);
    const url = new URL(location.href);
    Object.entries(options).forEach(([name, value]) => url.searchParams.set(name, value));
    history.replaceState(history.state, '', url);
  });
  picker.querySelector('[data-show-choice]').hidden = true;
})();
