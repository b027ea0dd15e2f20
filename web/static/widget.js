/*
 * Parley website chat. Paste on your site:
 *   <script src="https://YOUR-PARLEY/widget.js" defer></script>
 *   <script>window.addEventListener('load', function () {
 *     window.parleySDK.run({ websiteToken: 'INBOX_IDENTIFIER', baseUrl: 'https://YOUR-PARLEY' });
 *   });</script>
 * A signed-in customer (Chatwoot's setUser; the hash comes from your server, never from the page):
 *   window.parleySDK.setUser('CUSTOMER_ID', { identifier_hash: 'HMAC_SHA256_HEX', name: 'Ana', email: 'ana@example.com' });
 * Adds a launcher button; the chat itself lives in an iframe on Parley's origin. Browsers refuse or
 * partition storage in a cross-site iframe, so the visitor's id (their contact identifier) is kept
 * here, first-party in the host page's localStorage under one key per website token, and handed to
 * the iframe by postMessage, as Chatwoot's SDK does. Messages go only to Parley's origin and are
 * accepted only from the chat iframe on it; the iframe accepts the id only from its parent page.
 */
(function () {
  'use strict';
  if (window.parleySDK && window.parleySDK.run) return;

  var labels = {
    en: { open: 'Open chat', close: 'Close chat', title: 'Chat' },
    pt: { open: 'Abrir chat', close: 'Fechar chat', title: 'Chat' },
  };
  var chatIcon =
    '<svg width="26" height="26" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H8l-4 4V6a2 2 0 0 1 2-2z"/></svg>';
  var closeIcon =
    '<svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><path fill="currentColor" d="M18.3 5.7 12 12l6.3 6.3-1.4 1.4L10.6 13.4 4.3 19.7 2.9 18.3 9.2 12 2.9 5.7 4.3 4.3l6.3 6.3 6.3-6.3z"/></svg>';

  function run(options) {
    options = options || {};
    var websiteToken = options.websiteToken;
    if (!websiteToken) {
      console.error('[parley] run({ websiteToken, baseUrl }) needs the inbox website token');
      return;
    }
    if (document.getElementById('parley-launcher')) return;
    var baseUrl = String(options.baseUrl || '').replace(/\/+$/, '');
    var parleyOrigin = new URL(baseUrl || '/', location.href).origin;
    var text = (navigator.language || 'en').toLowerCase().indexOf('pt') === 0 ? labels.pt : labels.en;
    var color = options.color || '#1f93ff';
    var isOpen = false;
    var frame = null;
    var visitorKey = 'parley:visitor:' + websiteToken;
    var frameReady = false;
    var pendingUser = null;

    function readVisitor() {
      try {
        var stored = JSON.parse(localStorage.getItem(visitorKey) || 'null');
        return stored && typeof stored.contactIdentifier === 'string' ? stored : null;
      } catch (e) {
        return null;
      }
    }
    function saveVisitor(visitor) {
      if (!visitor || typeof visitor.contactIdentifier !== 'string' || visitor.contactIdentifier.length > 200) return;
      var conversationId = typeof visitor.conversationId === 'number' ? visitor.conversationId : undefined;
      try {
        localStorage.setItem(visitorKey, JSON.stringify({ contactIdentifier: visitor.contactIdentifier, conversationId: conversationId }));
      } catch (e) {
        /* storage blocked on the host page too: the chat lasts as long as the page */
      }
    }

    var style = document.createElement('style');
    style.textContent =
      '#parley-launcher{position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;padding:0;' +
      'display:flex;align-items:center;justify-content:center;color:#fff;cursor:pointer;z-index:2147483000;' +
      'box-shadow:0 4px 16px rgba(0,0,0,.25);background:' + color + '}' +
      '#parley-launcher:focus-visible{outline:3px solid #0969da;outline-offset:3px}' +
      '#parley-unread{position:absolute;top:2px;right:2px;width:12px;height:12px;border-radius:50%;background:#cf222e;border:2px solid #fff;display:none}' +
      '#parley-frame{position:fixed;right:20px;bottom:88px;width:370px;height:560px;max-width:calc(100vw - 40px);max-height:calc(100vh - 108px);' +
      'border:0;border-radius:12px;box-shadow:0 8px 32px rgba(0,0,0,.25);background:#fff;z-index:2147483000;display:none}' +
      '@media (max-width:480px){#parley-frame{right:0;bottom:0;width:100vw;height:100%;max-width:none;max-height:none;border-radius:0}}';
    document.head.appendChild(style);

    var launcher = document.createElement('button');
    launcher.type = 'button';
    launcher.id = 'parley-launcher';
    launcher.setAttribute('aria-label', text.open);
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', 'parley-frame');
    launcher.innerHTML = chatIcon + '<span id="parley-unread"></span>';
    document.body.appendChild(launcher);

    // Created on first open, so visitors who never open the chat never become contacts.
    function ensureFrame() {
      if (frame) return frame;
      frame = document.createElement('iframe');
      frame.id = 'parley-frame';
      frame.title = text.title;
      frame.src =
        baseUrl + '/widget?website_token=' + encodeURIComponent(websiteToken) +
        '&referer=' + encodeURIComponent(location.href) +
        '&locale=' + encodeURIComponent(navigator.language || '') +
        '&host_storage=1';
      document.body.appendChild(frame);
      return frame;
    }

    function setOpen(next) {
      isOpen = next;
      var chat = ensureFrame();
      chat.style.display = isOpen ? 'block' : 'none';
      launcher.setAttribute('aria-expanded', String(isOpen));
      launcher.setAttribute('aria-label', isOpen ? text.close : text.open);
      launcher.innerHTML = (isOpen ? closeIcon : chatIcon) + '<span id="parley-unread"></span>';
      // Until the chat page has loaded, the frame still holds about:blank and a message to Parley's origin would be refused.
      if (frameReady) chat.contentWindow.postMessage({ type: isOpen ? 'parley:open' : 'parley:closed' }, parleyOrigin);
    }

    launcher.addEventListener('click', function () {
      setOpen(!isOpen);
    });

    window.addEventListener('message', function (event) {
      if (!frame || event.source !== frame.contentWindow || event.origin !== parleyOrigin || !event.data) return;
      if (event.data.type === 'parley:ready') {
        frameReady = true;
        frame.contentWindow.postMessage({ type: 'parley:visitor', visitor: readVisitor() }, parleyOrigin);
        if (pendingUser) frame.contentWindow.postMessage({ type: 'parley:set-user', user: pendingUser }, parleyOrigin);
        frame.contentWindow.postMessage({ type: isOpen ? 'parley:open' : 'parley:closed' }, parleyOrigin);
      } else if (event.data.type === 'parley:store-visitor') {
        saveVisitor(event.data.visitor);
      } else if (event.data.type === 'parley:close') {
        setOpen(false);
        launcher.focus();
      } else if (event.data.type === 'parley:unread' && !isOpen) {
        var dot = document.getElementById('parley-unread');
        if (dot) dot.style.display = 'block';
      }
    });

    // Kept until the chat is opened (the iframe is made on first open), and sent again if the page calls it again.
    window.parleySDK.setUser = function (identifier, attributes) {
      attributes = attributes || {};
      pendingUser = {
        identifier: String(identifier),
        identifier_hash: attributes.identifier_hash,
        name: attributes.name,
        email: attributes.email,
        phone_number: attributes.phone_number,
      };
      if (frameReady) frame.contentWindow.postMessage({ type: 'parley:set-user', user: pendingUser }, parleyOrigin);
    };

    window.parleySDK.toggle = function (open) {
      setOpen(typeof open === 'boolean' ? open : !isOpen);
    };
  }

  window.parleySDK = { run: run };
})();
