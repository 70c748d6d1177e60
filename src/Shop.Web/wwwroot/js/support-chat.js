// Live support chat. Makes every <section data-chat-thread> live over the SignalR hub at /hubs/support
// (send, incoming messages, typing, read receipts, catch-up by message id after reconnects), and turns
// the chat launcher (a link to /contact without JavaScript) into the chat panel.
//
// Thread contract (server-rendered pages follow it; the panel builds one):
//   <section data-chat-thread data-conversation-id="…" data-side="agent|customer" data-last-message-id="…"
//            [data-access="…"] [data-read-up-to="…"]>
//     <ol data-chat-messages><li data-message-id="…">…</li></ol>
//     <form data-chat-compose><textarea name="Body"></textarea>[<input type="file" data-chat-attach>]</form>
//   </section>
// Files chosen with [data-chat-attach] go at once over HTTP (POST /api/v1/support/chats/{id}/attachments).
(() => {
  const script = document.currentScript;
  const signalrUrl = script && script.dataset.signalr || '/lib/signalr/signalr.min.js';
  const storageKey = 'shop.support.chat';
  const threads = new Map(); // conversationId -> thread
  let connection = null;
  let connecting = null;

  // A text in the page's language: the server renders them into [data-chat-texts]; pages without it read English.
  function say(name, english) {
    const texts = document.querySelector('[data-chat-texts]');
    return (texts && texts.dataset[name]) || english;
  }

  // ---- connection -------------------------------------------------------------------------------

  function loadSignalR() {
    if (window.signalR) return Promise.resolve(window.signalR);
    return new Promise((resolve, reject) => {
      const tag = document.createElement('script');
      tag.src = signalrUrl;
      tag.onload = () => resolve(window.signalR);
      tag.onerror = () => reject(new Error('The chat could not load.'));
      document.head.appendChild(tag);
    });
  }

  function connect() {
    if (connecting) return connecting;
    connecting = (async () => {
      const signalR = await loadSignalR();
      connection = new signalR.HubConnectionBuilder()
        .withUrl('/hubs/support')
        .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
        .configureLogging(signalR.LogLevel.Warning)
        .build();
      connection.on('message', message => threads.get(message.conversationId)?.receive(message));
      connection.on('note', message => threads.get(message.conversationId)?.receive(message));
      connection.on('typing', event => threads.get(event.conversationId)?.typing(event.side));
      connection.on('read', event => threads.get(event.conversationId)?.read(event.side, event.messageId));
      connection.onreconnecting(() => threads.forEach(t => t.status(say('reconnecting', 'Reconnecting…'))));
      connection.onreconnected(() => joinAll());
      // Automatic reconnection gave up (a long outage): keep trying, then join again.
      connection.onclose(() => {
        threads.forEach(t => t.status(say('reconnecting', 'Reconnecting…')));
        setTimeout(restart, 5000);
      });
      await connection.start();
      return connection;
    })();
    connecting.catch(() => { connecting = null; threads.forEach(t => t.status(say('offline', 'Offline – retrying…'))); setTimeout(() => { if (threads.size) startAndJoin(); }, 5000); });
    return connecting;
  }

  async function restart() {
    if (!connection || connection.state !== 'Disconnected') return;
    try {
      await connection.start();
      joinAll();
    } catch {
      setTimeout(restart, 5000);
    }
  }

  function joinAll() { threads.forEach(t => t.join()); }

  async function startAndJoin() {
    try {
      await connect();
      joinAll();
    } catch { /* retried by connect() */ }
  }

  function invoke(method, ...args) {
    if (!connection || connection.state !== 'Connected') return Promise.reject(new Error('Not connected.'));
    return connection.invoke(method, ...args);
  }

  function errorText(error) {
    const text = (error && error.message) || '';
    const match = text.match(/HubException: (.*)$/);
    return match ? match[1] : say('sendFailed', 'Could not send. Check your connection and try again.');
  }

  // A refused upload in the server's words (problem details with field errors).
  async function uploadErrorText(response) {
    if (response.status === 413) return say('filesTooLarge', 'The files are too large to send together. Send fewer or smaller ones.');
    if (response.status === 404) return say('conversationGone', 'This conversation is no longer available.');
    const problem = await response.json().catch(() => null);
    const errors = problem && problem.errors ? Object.values(problem.errors).flat() : [];
    return errors.length ? errors.join(' ') : (problem && (problem.detail || problem.title)) || say('filesFailed', 'Could not send the files. Try again.');
  }

  function sizeText(bytes) {
    return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.max(1, Math.floor(bytes / 1024))} KB`;
  }

  // The markup of the server's AttachmentList: a named link and the size, a picture's thumbnail above them.
  function renderAttachments(files) {
    const list = document.createElement('ul');
    list.className = 'support-attachments';
    list.setAttribute('aria-label', say('attachments', 'Attachments'));
    for (const file of files) {
      const picture = file.contentType.startsWith('image/');
      const item = document.createElement('li');
      item.className = picture ? 'attachment-picture' : 'attachment-file';
      const link = document.createElement('a');
      link.dataset.testid = 'attachment';
      link.textContent = file.fileName;
      if (file.url) link.href = file.url;
      if (picture && file.url) {
        link.target = '_blank';
        link.rel = 'noopener';
        const thumb = document.createElement('a');
        thumb.className = 'attachment-thumb';
        thumb.href = file.url;
        thumb.target = '_blank';
        thumb.rel = 'noopener';
        thumb.tabIndex = -1;
        thumb.setAttribute('aria-hidden', 'true');
        const image = document.createElement('img');
        image.src = file.url;
        image.alt = '';
        image.loading = 'lazy';
        thumb.append(image);
        item.append(thumb);
      }
      const size = document.createElement('span');
      size.className = 'muted';
      size.textContent = `(${sizeText(file.sizeBytes)})`;
      item.append(link, ' ', size);
      list.append(item);
    }
    return list;
  }

  // ---- one thread -------------------------------------------------------------------------------

  function timeOf(iso) {
    const date = new Date(iso);
    return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  }

  class Thread {
    constructor(section, options = {}) {
      this.section = section;
      this.id = section.dataset.conversationId;
      this.side = section.dataset.side === 'agent' ? 'agent' : 'customer';
      this.access = section.dataset.access || null;
      this.list = section.querySelector('[data-chat-messages]');
      this.form = section.querySelector('[data-chat-compose]');
      this.textarea = this.form && this.form.querySelector('textarea[name="Body"], textarea[name$=".Body"]');
      this.attach = this.form && this.form.querySelector('input[type=file][data-chat-attach]');
      this.lastId = Number(section.dataset.lastMessageId || 0);
      this.otherRead = Number(section.dataset.readUpTo || 0);
      this.onJoined = options.onJoined;
      this.onMessage = options.onMessage;
      this.lastTypingSent = 0;
      this.typingTimer = null;
      for (const li of this.list.querySelectorAll('li[data-message-id]'))
        this.lastId = Math.max(this.lastId, Number(li.dataset.messageId));

      this.indicator = document.createElement('p');
      this.indicator.className = 'chat-typing';
      this.indicator.dataset.chatTyping = '';
      this.indicator.setAttribute('aria-live', 'polite');
      this.indicator.hidden = true;
      this.list.after(this.indicator);
      this.statusLine = document.createElement('p');
      this.statusLine.className = 'chat-status';
      this.statusLine.hidden = true;
      this.indicator.after(this.statusLine);
      this.errorLine = this.form && this.form.querySelector('[data-chat-error]');
      if (this.form && !this.errorLine) {
        this.errorLine = document.createElement('p');
        this.errorLine.className = 'field-error';
        this.errorLine.setAttribute('role', 'alert');
        this.errorLine.dataset.chatError = '';
        this.form.prepend(this.errorLine);
      }
      this.markStates();

      if (this.form && this.textarea) {
        // A reply with files picked in a plain file field goes as the plain form (multipart upload); the hub carries text only.
        this.form.addEventListener('submit', event => {
          if ([...this.form.querySelectorAll('input[type=file]:not([data-chat-attach])')].some(input => input.files.length > 0)) return;
          event.preventDefault(); this.send();
        });
        if (this.attach) this.attach.addEventListener('change', () => this.upload());
        this.textarea.addEventListener('input', () => this.sendTyping());
        this.textarea.addEventListener('keydown', event => {
          if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) { event.preventDefault(); this.send(); }
        });
      }
      threads.set(this.id, this);
    }

    own(author) { return author === this.side; }

    async join() {
      try {
        const missed = await invoke('Join', this.id, this.access, this.lastId);
        this.status(null);
        missed.forEach(m => this.receive(m));
        const state = await invoke('ReadState', this.id, this.access);
        this.read(this.side === 'agent' ? 'customer' : 'agent', this.side === 'agent' ? state.customer : state.agent);
        this.readIfSeen();
        if (this.onJoined) this.onJoined(this);
      } catch (error) {
        if (connection && connection.state === 'Connected') {
          this.status(errorText(error));
          if (this.onJoined) this.onJoined(this, error);
        }
      }
    }

    status(text) {
      this.statusLine.textContent = text || '';
      this.statusLine.hidden = !text;
    }

    // Each message once: by id, whether it came as an event, in a catch-up list or as Send's answer.
    receive(message) {
      if (this.list.querySelector(`li[data-message-id="${message.id}"]`)) return;
      if (message.author !== this.side) this.typing(null);
      const li = this.render(message);
      const after = [...this.list.querySelectorAll('li[data-message-id]')].find(other => Number(other.dataset.messageId) > message.id);
      const pending = this.list.querySelector('li[data-pending]');
      this.list.insertBefore(li, after || pending || null);
      this.lastId = Math.max(this.lastId, message.id);
      this.section.dataset.lastMessageId = String(this.lastId);
      this.markStates();
      this.scroll();
      if (this.onMessage) this.onMessage(this, message);
      if (!this.own(message.author)) this.readIfSeen();
    }

    render(message, pending) {
      const li = document.createElement('li');
      li.className = `chat-message ${message.author}`;
      if (pending) li.dataset.pending = ''; else li.dataset.messageId = String(message.id);
      li.dataset.author = message.author;
      if (message.author === 'system') {
        const line = document.createElement('p');
        line.className = 'chat-system';
        line.textContent = message.body;
        li.append(line);
        return li;
      }
      const meta = document.createElement('p');
      meta.className = 'chat-meta';
      const name = document.createElement('strong');
      name.textContent = this.own(message.author) && this.side === 'customer' ? say('you', 'You') : (message.author === 'note' ? `Note · ${message.authorName}` : message.authorName);
      meta.append(name, ` · ${timeOf(message.createdAt)}`);
      if (this.own(message.author)) {
        const state = document.createElement('span');
        state.className = 'chat-state';
        state.dataset.chatState = '';
        meta.append(' · ', state);
      }
      li.append(meta);
      if (message.body) {
        const body = document.createElement('p');
        body.className = 'chat-body';
        body.textContent = message.body;
        li.append(body);
      }
      if (message.attachments && message.attachments.length) li.append(renderAttachments(message.attachments));
      return li;
    }

    // Own messages: Sending… until stored, then Delivered, then Read once the other side read that far.
    markStates() {
      for (const li of this.list.querySelectorAll('li')) {
        const state = li.querySelector('[data-chat-state]');
        if (!state) continue;
        const id = Number(li.dataset.messageId || 0);
        const key = li.hasAttribute('data-pending') ? 'sending' : id <= this.otherRead ? 'read' : 'delivered';
        const text = say(key, { sending: 'Sending…', read: 'Read', delivered: 'Delivered' }[key]);
        if (state.textContent !== text) state.textContent = text;
        li.dataset.state = key;
      }
    }

    scroll() {
      const box = this.list.closest('[data-chat-scroll]') || this.list;
      box.scrollTop = box.scrollHeight;
    }

    async send() {
      const text = this.textarea.value;
      if (!text.trim()) { this.error(say('writeMessage', 'Write a message.')); return; }
      if (text.length > 4000) { this.error(say('messageTooLong', 'Use at most 4,000 characters for a message.')); return; }
      this.error(null);
      const pending = this.render({ author: this.side, authorName: 'You', body: text.trim(), createdAt: new Date().toISOString() }, true);
      this.list.append(pending);
      this.markStates();
      this.scroll();
      this.textarea.value = '';
      try {
        await connect();
        const stored = await invoke('Send', this.id, this.access, text);
        pending.remove();
        this.receive(stored);
      } catch (error) {
        pending.remove();
        this.textarea.value = text;
        this.error(errorText(error));
      }
    }

    // Chosen files go at once, as one message of their own; the server checks what they really are.
    async upload() {
      const files = [...this.attach.files];
      if (!files.length) return;
      this.error(null);
      const pending = this.render({ author: this.side, authorName: 'You', body: '', createdAt: new Date().toISOString(),
        attachments: files.map(file => ({ fileName: file.name, contentType: file.type || '', sizeBytes: file.size })) }, true);
      this.list.append(pending);
      this.markStates();
      this.scroll();
      const form = new FormData();
      files.forEach(file => form.append('files', file, file.name));
      this.attach.value = '';
      const url = `/api/v1/support/chats/${encodeURIComponent(this.id)}/attachments` + (this.access ? `?access=${encodeURIComponent(this.access)}` : '');
      try {
        const response = await fetch(url, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json' } });
        if (!response.ok) { pending.remove(); this.error(await uploadErrorText(response)); return; }
        const stored = await response.json();
        pending.remove();
        this.receive(stored);
      } catch {
        pending.remove();
        this.error(say('filesFailedOffline', 'Could not send the files. Check your connection and try again.'));
      }
    }

    error(text) {
      if (!this.errorLine) return;
      this.errorLine.textContent = text || '';
      this.errorLine.hidden = !text;
    }

    sendTyping() {
      const now = Date.now();
      if (now - this.lastTypingSent < 2500) return;
      this.lastTypingSent = now;
      invoke('Typing', this.id, this.access).catch(() => {});
    }

    typing(side) {
      clearTimeout(this.typingTimer);
      if (!side || side === this.side) { this.indicator.hidden = true; return; }
      this.indicator.textContent = side === 'agent' ? say('supportTyping', 'Support is typing…') : 'The customer is typing…';
      this.indicator.hidden = false;
      this.typingTimer = setTimeout(() => { this.indicator.hidden = true; }, 5000);
    }

    read(side, messageId) {
      if (side === this.side || !(messageId > this.otherRead)) return;
      this.otherRead = messageId;
      this.markStates();
    }

    visible() { return document.visibilityState === 'visible' && !this.section.closest('[hidden]'); }

    // The other side's messages count as read once they are on screen.
    readIfSeen() {
      if (!this.visible()) return;
      const others = [...this.list.querySelectorAll('li[data-message-id]')].filter(li => !this.own(li.dataset.author));
      const last = others.length ? Number(others[others.length - 1].dataset.messageId) : 0;
      if (last > (this.readSent || 0)) {
        this.readSent = last;
        invoke('Read', this.id, this.access, last).catch(() => { this.readSent = 0; });
      }
    }
  }

  document.addEventListener('visibilitychange', () => threads.forEach(t => t.readIfSeen()));

  // ---- the launcher and its panel ----------------------------------------------------------------

  function saved() {
    try { return JSON.parse(localStorage.getItem(storageKey) || 'null'); } catch { return null; }
  }

  function save(state) {
    try { state ? localStorage.setItem(storageKey, JSON.stringify(state)) : localStorage.removeItem(storageKey); } catch { /* private mode */ }
  }

  function setUpLauncher(launcher) {
    const open = launcher.querySelector('[data-chat-open]');
    const panel = launcher.querySelector('[data-chat-panel]');
    const close = launcher.querySelector('[data-chat-close]');
    const intro = launcher.querySelector('[data-chat-intro]');
    const body = launcher.querySelector('[data-chat-panel-body]');
    const availability = launcher.querySelector('[data-chat-availability]');
    const threadTemplate = launcher.querySelector('template[data-chat-thread-template]');
    const signedIn = launcher.dataset.signedIn === 'true';
    let thread = null;

    open.setAttribute('role', 'button');
    open.setAttribute('aria-expanded', 'false');
    open.setAttribute('aria-controls', 'chat-panel-title');

    async function showAvailability() {
      try {
        const response = await fetch('/api/v1/support/chats/availability', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
        if (!response.ok) return;
        const state = await response.json();
        availability.textContent = state.message;
        availability.classList.toggle('offline', !state.online);
      } catch { /* shown next time */ }
    }

    function show(focus = true) {
      panel.hidden = false;
      launcher.classList.add('open');
      launcher.classList.remove('unread');
      document.documentElement.classList.add('chat-open');
      open.setAttribute('aria-expanded', 'true');
      const state = saved() || {};
      save({ ...state, open: true });
      showAvailability();
      if (thread) { thread.scroll(); thread.readIfSeen(); if (focus) thread.textarea.focus(); }
      else if (focus) intro.querySelector('input, textarea')?.focus();
    }

    function hide() {
      panel.hidden = true;
      launcher.classList.remove('open');
      document.documentElement.classList.remove('chat-open');
      open.setAttribute('aria-expanded', 'false');
      const state = saved();
      if (state) save({ ...state, open: false });
      open.focus();
    }

    open.addEventListener('click', event => { event.preventDefault(); panel.hidden ? show() : hide(); });
    close.addEventListener('click', hide);
    panel.addEventListener('keydown', event => { if (event.key === 'Escape') hide(); });

    function buildThread(state) {
      intro.hidden = true;
      body.replaceChildren();
      const section = document.createElement('section');
      section.className = 'chat-thread';
      section.dataset.chatThread = '';
      section.dataset.conversationId = state.conversationId;
      section.dataset.side = 'customer';
      section.dataset.lastMessageId = '0';
      if (state.access) section.dataset.access = state.access;
      section.append(threadTemplate.content.cloneNode(true));
      body.append(section);
      thread = new Thread(section, {
        onJoined(joined, error) {
          if (error) { if (/HubException/.test(error.message || '')) forget(); return; }
          invoke('Viewing', joined.id, joined.access, location.pathname).catch(() => {});
        },
        onMessage(_, message) {
          const current = saved();
          if (current && current.conversationId === state.conversationId) save({ ...current, lastId: Math.max(current.lastId || 0, message.id) });
          if (panel.hidden && message.author !== 'customer') launcher.classList.add('unread');
          // An agent answering or taking the chat is someone online: the availability line follows.
          if (message.author === 'agent' || message.author === 'system') showAvailability();
        },
      });
      startAndJoin();
    }

    // A conversation that is no longer ours (signed out, another account): start afresh.
    function forget() {
      threads.delete(thread?.id);
      thread = null;
      save(null);
      body.replaceChildren();
      intro.hidden = false;
    }

    intro.addEventListener('submit', async event => {
      event.preventDefault();
      const data = new FormData(intro);
      const request = { message: data.get('message'), page: location.pathname };
      if (!signedIn) { request.name = data.get('name'); request.email = data.get('email'); }
      intro.querySelectorAll('[data-error-for], [data-chat-intro-error]').forEach(e => { e.textContent = ''; });
      // The same words the server would answer with, without the round trip.
      const missing = {};
      if (!signedIn && !String(request.name || '').trim()) missing.name = say('tellName', 'Tell us your name.');
      if (!signedIn && !String(request.email || '').trim()) missing.email = say('enterEmail', 'Enter your email address, so we can answer you.');
      if (!String(request.message || '').trim()) missing.message = say('writeMessage', 'Write a message.');
      if (Object.keys(missing).length) {
        for (const [field, text] of Object.entries(missing)) intro.querySelector(`[data-error-for="${field}"]`).textContent = text;
        intro.querySelector(`[name="${Object.keys(missing)[0]}"]`).focus();
        return;
      }
      const button = intro.querySelector('button[type=submit]');
      button.disabled = true;
      try {
        const response = await fetch('/api/v1/support/chats', {
          method: 'POST', credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(request),
        });
        const result = await response.json().catch(() => null);
        if (!response.ok) {
          const errors = (result && result.errors) || {};
          let shown = false;
          for (const [field, messages] of Object.entries(errors)) {
            const slot = intro.querySelector(`[data-error-for="${field.toLowerCase()}"]`);
            if (slot) { slot.textContent = messages.join(' '); shown = true; }
          }
          if (!shown) intro.querySelector('[data-chat-intro-error]').textContent = (result && (result.detail || result.title)) || say('startFailed', 'Could not start the chat. Try again.');
          return;
        }
        const state = { conversationId: result.id, access: result.accessToken || null, lastId: 0, open: true };
        save(state);
        intro.reset();
        buildThread(state);
      } catch {
        intro.querySelector('[data-chat-intro-error]').textContent = say('startFailedOffline', 'Could not start the chat. Check your connection and try again.');
      } finally {
        button.disabled = false;
      }
    });

    const state = saved();
    if (state && state.conversationId) {
      buildThread(state);
      if (state.open) show(false);
    }
  }

  // ---- start ------------------------------------------------------------------------------------

  // The panel joins the page when the chat is first opened, or at once when a chat is under way.
  function prepareLauncher(launcher) {
    const template = launcher.querySelector('template[data-chat-panel-template]');
    const materialize = () => { launcher.append(template.content.cloneNode(true)); template.remove(); setUpLauncher(launcher); };
    if (!template) { setUpLauncher(launcher); return; }
    const state = saved();
    if (state && (state.open || state.conversationId)) { materialize(); return; }
    const open = launcher.querySelector('[data-chat-open]');
    open.addEventListener('click', event => {
      event.preventDefault();
      event.stopImmediatePropagation();
      materialize();
      open.click();
    }, { once: true });
  }

  document.querySelectorAll('[data-chat-launcher]').forEach(prepareLauncher);
  // Other "start a chat" links on a page open the panel; without a launcher (or JavaScript) they go to the contact form.
  const launcherButton = document.querySelector('[data-chat-launcher] [data-chat-open]');
  document.querySelectorAll('a[data-chat-start]').forEach(link => link.addEventListener('click', event => {
    if (!launcherButton) return;
    event.preventDefault();
    launcherButton.click();
  }));
  const pageThreads = [...document.querySelectorAll('section[data-chat-thread]')].filter(s => !threads.has(s.dataset.conversationId));
  pageThreads.forEach(section => new Thread(section));
  if (pageThreads.length) startAndJoin();
})();
