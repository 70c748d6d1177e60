// The agent's reply box: typing "/shortcut" followed by a space (or Tab) puts the canned reply's text in the
// box, so it can be edited before sending. Without this script the server expands the shortcut when sent.
(() => {
  for (const box of document.querySelectorAll('textarea[data-canned-box]')) {
    let canned;
    try { canned = JSON.parse(box.dataset.canned || '{}'); } catch { canned = {}; }
    const firstName = (box.dataset.customerName || '').trim().split(/\s+/)[0] || '';
    const expand = () => {
      const match = /^\/([a-z0-9][a-z0-9-]{0,31})(\s|$)/i.exec(box.value);
      const text = match && canned[match[1].toLowerCase()];
      if (!text) return false;
      const rest = box.value.slice(match[0].length);
      box.value = text.replace(/\{name\}/gi, firstName) + (rest ? '\n\n' + rest : '');
      box.setSelectionRange(box.value.length, box.value.length);
      return true;
    };
    box.addEventListener('input', event => {
      if (event.data === ' ' || event.inputType === 'insertLineBreak') expand();
    });
    box.addEventListener('keydown', event => {
      if (event.key === 'Tab' && !event.shiftKey && expand()) event.preventDefault();
    });
  }
})();
