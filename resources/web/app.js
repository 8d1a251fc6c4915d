// SPDX-FileCopyrightText: 2025-2026 The Socket Hub developers
// SPDX-License-Identifier: MIT
// The Socket Hub web page: joins the hub over a WebSocket on the same port
// and speaks the JSON messages of docs/protocol.md, section 10. Every text
// received is shown with textContent, never as markup.
'use strict';

(function () {
  const kMaxEntries = 1000;          // log entries kept (the newest)
  const kInitialDelayMs = 1000;      // reconnect backoff: 1, 2, 4, ... s
  const kMaxDelayMs = 30000;

  const joinForm = document.getElementById('join');
  const nameInput = document.getElementById('name');
  const passwordInput = document.getElementById('password');
  const leaveButton = document.getElementById('leave');
  const sendForm = document.getElementById('send');
  const messageInput = document.getElementById('message');
  const sendButton = document.getElementById('sendButton');
  const log = document.getElementById('log');
  const state = document.getElementById('state');

  let socket = null;
  let wanted = false;        // the user asked to be connected
  let delayMs = kInitialDelayMs;
  let retryTimer = 0;
  let myId = 0;
  let myName = '';

  function setState(kind, text) {
    state.dataset.state = kind;
    state.textContent = text;
    const open = kind === 'connected';
    messageInput.disabled = !open;
    sendButton.disabled = !open;
    leaveButton.hidden = !wanted;
    joinForm.querySelector('#connect').hidden = wanted;
  }

  function addEntry(className, sender, text, mark) {
    const entry = document.createElement('div');
    entry.className = 'entry ' + className;
    if (mark) {
      const m = document.createElement('span');
      m.className = 'mark';
      m.textContent = mark;
      entry.appendChild(m);
    }
    if (sender) {
      const s = document.createElement('span');
      s.className = 'sender';
      s.textContent = sender;
      entry.appendChild(s);
    }
    const t = document.createElement('span');
    t.className = 'text';
    t.textContent = text;
    entry.appendChild(t);
    const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 4;
    log.appendChild(entry);
    while (log.childElementCount > kMaxEntries)
      log.removeChild(log.firstElementChild);
    if (atBottom)
      log.scrollTop = log.scrollHeight;
  }

  function senderLabel(id, name) {
    if (!id)
      return name ? name : 'server';
    return name ? '#' + id + ' ' + name : '#' + id;
  }

  function handle(message) {
    switch (message.type) {
    case 'hello':
      break;
    case 'text':
      addEntry('text', senderLabel(message.from, message.name), String(message.text));
      break;
    case 'direct':
      addEntry('direct', 'server', String(message.text), 'direct');
      break;
    case 'notice':
      if (message.kind === 'welcome') {
        myId = message.id;
        delayMs = kInitialDelayMs;
        setState('connected', 'Connected as ' + senderLabel(myId, myName));
      }
      addEntry('notice notice-' + String(message.kind), '', String(message.text));
      break;
    default:
      break; // later versions may add types
    }
  }

  function connect() {
    clearTimeout(retryTimer);
    const scheme = location.protocol === 'https:' ? 'wss://' : 'ws://';
    setState('connecting', 'Connecting…');
    let ws;
    try {
      ws = new WebSocket(scheme + location.host + '/ws');
    } catch (e) {
      scheduleRetry('Cannot connect: ' + e.message);
      return;
    }
    socket = ws;
    ws.onopen = function () {
      const hello = { type: 'hello', name: myName };
      if (passwordInput.value)
        hello.password = passwordInput.value;
      ws.send(JSON.stringify(hello));
      setState('connecting', 'Joining…');
    };
    ws.onmessage = function (event) {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (message && typeof message === 'object')
        handle(message);
    };
    ws.onclose = function (event) {
      if (socket !== ws)
        return;
      socket = null;
      myId = 0;
      const why = event.reason ? ': ' + event.reason : '';
      if (wanted)
        scheduleRetry('Disconnected' + why);
      else
        setState('closed', 'Disconnected' + why);
    };
  }

  function scheduleRetry(text) {
    const seconds = Math.round(delayMs / 1000);
    setState('waiting', text + '. Reconnecting in ' + seconds + ' s…');
    // A random part, so that many pages do not come back at once.
    retryTimer = setTimeout(connect, delayMs * (0.8 + Math.random() * 0.2));
    delayMs = Math.min(delayMs * 2, kMaxDelayMs);
  }

  joinForm.addEventListener('submit', function (event) {
    event.preventDefault();
    myName = nameInput.value.trim();
    if (!myName) {
      nameInput.focus();
      return;
    }
    try {
      localStorage.setItem('sockethub.name', myName);
    } catch (e) { /* storage may be off */ }
    wanted = true;
    delayMs = kInitialDelayMs;
    connect();
    messageInput.focus();
  });

  leaveButton.addEventListener('click', function () {
    wanted = false;
    clearTimeout(retryTimer);
    if (socket)
      socket.close(1000, 'leaving');
    else
      setState('closed', 'Disconnected');
    nameInput.focus();
  });

  sendForm.addEventListener('submit', function (event) {
    event.preventDefault();
    const text = messageInput.value;
    if (!text || !socket || socket.readyState !== WebSocket.OPEN)
      return;
    socket.send(JSON.stringify({ type: 'text', text: text }));
    // The hub relays a text to everyone but its sender: show it here.
    addEntry('text own', senderLabel(myId, myName), text);
    messageInput.value = '';
  });

  try {
    nameInput.value = localStorage.getItem('sockethub.name') || '';
  } catch (e) { /* storage may be off */ }
  setState('idle', 'Not connected');
  nameInput.focus();
})();
