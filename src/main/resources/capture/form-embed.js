/* Baton hosted form, script embed. Renders the form where this script tag stands and submits it with fetch
   (CORS, no cookies sent to Baton). Hidden inputs carry the host page's UTMs, referrer, URL and the
   first-party anonymous id (cookie baton_aid, shared with the tracking snippet). */
(function () {
  'use strict';
  var cfg = /*BATON_FORM_CONFIG*/null;
  var script = document.currentScript;
  var host = document.createElement('div');
  host.setAttribute('data-baton-embed', cfg.key);
  if (script && script.parentNode) {
    script.parentNode.insertBefore(host, script);
  } else {
    document.body.appendChild(host);
  }
  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) {
      if (attrs[k] !== null && attrs[k] !== undefined) { e.setAttribute(k, attrs[k]); }
    }
    if (text !== null && text !== undefined) { e.textContent = text; }
    return e;
  }
  function cookie(name) {
    var m = document.cookie.match(new RegExp('(?:^|; )' + name + '=([^;]*)'));
    return m ? decodeURIComponent(m[1]) : null;
  }
  function anonymousId() {
    var id = cookie('baton_aid');
    if (!id) {
      id = window.crypto && crypto.randomUUID ? crypto.randomUUID()
        : Date.now().toString(36) + Math.random().toString(36).slice(2);
      document.cookie = 'baton_aid=' + encodeURIComponent(id) + '; path=/; max-age=63072000; SameSite=Lax';
    }
    return id;
  }
  var style = el('style', {}, cfg.css);
  host.appendChild(style);
  var q = new URLSearchParams(window.location.search);
  var tracking = {
    utm_source: q.get('utm_source'), utm_medium: q.get('utm_medium'), utm_campaign: q.get('utm_campaign'),
    utm_term: q.get('utm_term'), utm_content: q.get('utm_content'), referrer: document.referrer || null,
    page_url: window.location.href, anonymous_id: anonymousId()
  };
  var form = el('form', {'class': 'baton-form', method: 'post', action: cfg.action, novalidate: '',
    'data-baton-form': cfg.key});
  var top = el('div', {'class': 'bf-error', role: 'alert', 'data-error-for': '_form'});
  top.hidden = true;
  form.appendChild(top);
  var messages = {};
  function message(container, name) {
    var m = el('div', {'class': 'bf-msg', 'data-error-for': name});
    m.hidden = true;
    container.appendChild(m);
    messages[name] = m;
  }
  cfg.fields.forEach(function (f) {
    if (f.type === 'hidden') {
      form.appendChild(el('input', {type: 'hidden', name: f.name, value: f.defaultValue}));
      return;
    }
    var id = 'bf-' + cfg.key + '-' + f.name;
    var wrap = el('div', {'class': 'bf-field'});
    var label = el('label', {'for': id});
    label.appendChild(el('span', {}, f.label));
    if (f.required) { label.appendChild(el('span', {'class': 'bf-req', 'aria-hidden': 'true'}, ' *')); }
    wrap.appendChild(label);
    var input;
    if (f.type === 'textarea') {
      input = el('textarea', {id: id, name: f.name, rows: '4', maxlength: f.maxLength}, f.defaultValue);
    } else if (f.type === 'select') {
      input = el('select', {id: id, name: f.name});
      input.appendChild(el('option', {value: ''}, 'Choose\u2026'));
      f.options.forEach(function (o) {
        var opt = el('option', {value: o}, o);
        if (o === f.defaultValue) { opt.selected = true; }
        input.appendChild(opt);
      });
    } else {
      input = el('input', {id: id, name: f.name, type: f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : 'text',
        maxlength: f.maxLength, value: f.defaultValue,
        autocomplete: f.type === 'email' ? 'email' : f.type === 'phone' ? 'tel' : null});
    }
    wrap.appendChild(input);
    message(wrap, f.name);
    form.appendChild(wrap);
  });
  cfg.consents.forEach(function (c) {
    var wrap = el('div', {'class': 'bf-field bf-consent'});
    var label = el('label');
    label.appendChild(el('input', {type: 'checkbox', name: c.name, value: 'yes'}));
    label.appendChild(el('span', {}, c.text));
    if (c.required) { label.appendChild(el('span', {'class': 'bf-req', 'aria-hidden': 'true'}, ' *')); }
    wrap.appendChild(label);
    message(wrap, c.name);
    form.appendChild(wrap);
  });
  var trap = el('div', {'class': 'bf-hp', 'aria-hidden': 'true'});
  var trapLabel = el('label', {}, 'Leave this field empty ');
  trapLabel.appendChild(el('input', {type: 'text', name: cfg.honeypot, value: '', tabindex: '-1', autocomplete: 'off'}));
  trap.appendChild(trapLabel);
  form.appendChild(trap);
  Object.keys(tracking).forEach(function (name) {
    form.appendChild(el('input', {type: 'hidden', name: name, value: tracking[name]}));
  });
  var token = el('input', {type: 'hidden', name: cfg.tokenInput, value: cfg.token});
  form.appendChild(token);
  var button = el('button', {type: 'submit'}, cfg.submitLabel);
  form.appendChild(button);
  host.appendChild(form);

  function showErrors(errors) {
    Object.keys(messages).forEach(function (name) {
      messages[name].hidden = true;
      var input = form.elements[name];
      if (input && input.classList) { input.classList.remove('bf-invalid'); input.removeAttribute('aria-invalid'); }
    });
    top.hidden = true;
    Object.keys(errors).forEach(function (name) {
      var target = messages[name] || top;
      target.textContent = errors[name];
      target.hidden = false;
      var input = form.elements[name];
      if (input && input.classList) { input.classList.add('bf-invalid'); input.setAttribute('aria-invalid', 'true'); }
    });
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    button.disabled = true;
    fetch(cfg.action, {method: 'POST', body: new URLSearchParams(new FormData(form)),
      headers: {'Accept': 'application/json'}, credentials: 'omit', mode: 'cors'})
      .then(function (response) { return response.json(); })
      .then(function (body) {
        if (body.ok) {
          if (body.redirect) { window.location.href = body.redirect; return; }
          var thanks = el('div', {'class': 'bf-thanks', role: 'status', 'data-testid': 'form-thanks'}, body.message);
          host.replaceChild(thanks, form);
          return;
        }
        if (body.token) { token.value = body.token; }
        showErrors(body.errors || {_form: body.message || 'The form could not be sent.'});
        button.disabled = false;
      })
      .catch(function () {
        showErrors({_form: 'The form could not be sent. Please try again.'});
        button.disabled = false;
      });
  });
})();
