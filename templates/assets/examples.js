/* polyref: runs the runnable examples of the close() and CloseEvent pages in the reader's own
 * browser and shows the result next to what the standard says, and drives the close() form.
 *
 * No framework, no eval, no inline script: the page's Content-Security-Policy allows only this
 * file. Every argument arrives as data in data-* attributes written by the build (strings as
 * UTF-16 code units, so lone surrogates survive), with the outcome the standard gives, the
 * bounds from the close-code registry and the interface text in the reader's language. Without
 * JavaScript the page still shows every example with that outcome.
 *
 * The first part is pure and mirrors src/rules.rs for the form's prediction; the tests in
 * tests/browser/ load it in Node and compare it with cases computed in Rust.
 */
(function () {
  'use strict';

  // ---- The standard's rules, for the form (mirrors src/rules.rs) --------------------------

  /** UTF-8 length of `s` after its conversion to a USVString: a lone surrogate becomes U+FFFD,
   *  3 bytes (Web IDL, USVString; WebSockets Standard, close() step 2.1). */
  function utf8LengthOfUsv(s) {
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const u = s.charCodeAt(i);
      if (u < 0x80) {
        n += 1;
      } else if (u < 0x800) {
        n += 2;
      } else if (u >= 0xd800 && u <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        n += 4;
        i += 1;
      } else {
        n += 3;
      }
    }
    return n;
  }

  function hasLoneSurrogate(s) {
    for (let i = 0; i < s.length; i++) {
      const u = s.charCodeAt(i);
      if (u >= 0xd800 && u <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        i += 1;
      } else if (u >= 0xd800 && u <= 0xdfff) {
        return true;
      }
    }
    return false;
  }

  /** Web IDL ConvertToInt to unsigned short with [Clamp]: NaN → 0, clamp to 0–65535, round
   *  to the nearest integer, halves to even. */
  function clampUnsignedShort(x) {
    if (Number.isNaN(x)) {
      return 0;
    }
    const c = Math.min(Math.max(x, 0), 65535);
    const f = Math.floor(c);
    const d = c - f;
    if (d < 0.5) {
      return f;
    }
    if (d > 0.5) {
      return f + 1;
    }
    return f % 2 === 0 ? f : f + 1;
  }

  function allows(bounds, code) {
    return bounds.scriptCodes.some(function (r) {
      return r[0] <= code && code <= r[1];
    });
  }

  /** What the standard says `socket.close(...args)` does (src/rules.rs `close`): an absent or
   *  undefined argument is missing; the code is checked before the reason. */
  function standardClose(args, bounds) {
    const present = function (i) {
      return i < args.length && args[i] !== undefined;
    };
    const code = present(0) ? clampUnsignedShort(Number(args[0])) : null;
    const reasonBytes = present(1) ? utf8LengthOfUsv(String(args[1])) : 0;
    if (code !== null && !allows(bounds, code)) {
      return { result: 'InvalidAccessError', code: code };
    }
    if (reasonBytes > bounds.maxReasonBytes) {
      return { result: 'SyntaxError', reason_bytes: reasonBytes };
    }
    return { result: 'Closes', code: code, reason_bytes: reasonBytes };
  }

  /** The arguments the form passes: the code field read as a number (empty: no code), the
   *  reason field as it is (empty: no reason); a reason without a code passes undefined. */
  function formArgs(codeText, reasonText) {
    const code = codeText === '' ? undefined : Number(codeText);
    if (reasonText !== '') {
      return [code, reasonText];
    }
    return codeText === '' ? [] : [code];
  }

  /** A value as JavaScript source, as src/data/examples_html.rs `js_literal` writes it. */
  function jsLiteral(v) {
    if (typeof v !== 'string') {
      return String(v);
    }
    let out = '"';
    for (let i = 0; i < v.length; i++) {
      const u = v.charCodeAt(i);
      const pair = u >= 0xd800 && u <= 0xdbff && i + 1 < v.length && (v.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) {
        out += v.slice(i, i + 2);
        i += 1;
      } else if (u === 0x22 || u === 0x5c) {
        out += '\\' + v[i];
      } else if (u < 0x20 || (u >= 0x7f && u <= 0x9f) || (u >= 0xd800 && u <= 0xdfff) || u === 0xfffd) {
        out += '\\u' + u.toString(16).toUpperCase().padStart(4, '0');
      } else {
        out += v[i];
      }
    }
    return out + '"';
  }

  /** The explanation of an outcome as [{ id, args }] (src/data/examples_html.rs
   *  `close_details`): conversions first, then the check that decided. */
  function closeDetails(args, outcome, bounds) {
    const out = [];
    const max = String(bounds.maxReasonBytes);
    if (args.length > 0) {
      if (args[0] === undefined) {
        out.push({ id: 'examples-undefined-code', args: {} });
      } else {
        const code = clampUnsignedShort(Number(args[0]));
        if (!(typeof args[0] === 'number' && args[0] === code)) {
          out.push({ id: 'examples-code-converted', args: { value: jsLiteral(args[0]), code: String(code) } });
        }
      }
    }
    if (typeof args[1] === 'string' && hasLoneSurrogate(args[1])) {
      out.push({ id: 'examples-lone-surrogates', args: {} });
    }
    const noReason = args.length < 2 || args[1] === undefined;
    const bytes = String(outcome.reason_bytes);
    if (outcome.result === 'Closes' && outcome.code === null && outcome.reason_bytes === 0 && noReason) {
      out.push({ id: 'examples-closes-no-code', args: {} });
    } else if (outcome.result === 'Closes' && outcome.code === null) {
      out.push({ id: 'examples-closes-reason-only', args: { bytes: bytes, max: max } });
    } else if (outcome.result === 'Closes' && noReason) {
      out.push({ id: 'examples-closes-code', args: { code: String(outcome.code) } });
    } else if (outcome.result === 'Closes') {
      out.push({ id: 'examples-closes-code-reason', args: { code: String(outcome.code), bytes: bytes, max: max } });
    } else if (outcome.result === 'InvalidAccessError') {
      out.push({ id: 'examples-invalid-code', args: { code: String(outcome.code), codes: bounds.codesText } });
    } else {
      out.push({ id: 'examples-too-long', args: { bytes: bytes, max: max } });
    }
    return out;
  }

  /** Fills `{name}` placeholders in one pass; unknown ones stay (as the build's `fill`). */
  function fill(template, args) {
    return template.replace(/\{([A-Za-z0-9_]*)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(args, name) ? String(args[name]) : whole;
    });
  }

  const api = {
    utf8LengthOfUsv: utf8LengthOfUsv,
    clampUnsignedShort: clampUnsignedShort,
    standardClose: standardClose,
    formArgs: formArgs,
    jsLiteral: jsLiteral,
    closeDetails: closeDetails,
    fill: fill,
  };
  if (typeof module === 'object' && module && module.exports) {
    module.exports = api;
  }
  if (typeof document === 'undefined') {
    return;
  }

  // ---- Running in the reader's browser --------------------------------------------------

  /** A value from the build's data (`value_json` in src/data/examples_html.rs). */
  function decode(v) {
    switch (v.type) {
      case 'undefined':
        return undefined;
      case 'null':
        return null;
      case 'boolean':
        return v.value;
      case 'number':
        return Number(v.value);
      case 'string':
        return String.fromCharCode.apply(null, v.units);
      default:
        throw new TypeError('unknown value type ' + v.type);
    }
  }

  function thrown(e) {
    return { result: e && e.name ? String(e.name) : String(e), message: e && e.message ? String(e.message) : '' };
  }

  /** Calls close() on a socket that is still connecting to a reserved name, so nothing reaches
   *  a network; then closes it without arguments, which ends the connection attempt. */
  function runClose(args, url) {
    let socket;
    try {
      socket = new WebSocket(url);
    } catch (e) {
      const r = thrown(e);
      r.setup = true;
      return r;
    }
    const state = socket.readyState;
    try {
      socket.close.apply(socket, args);
      return { result: 'Closes', socketState: state };
    } catch (e) {
      const r = thrown(e);
      r.socketState = state;
      return r;
    } finally {
      try {
        socket.close();
      } catch (e) {
        // Nothing left to end.
      }
    }
  }

  const EVENT_PROPS = ['type', 'wasClean', 'code', 'reason', 'bubbles', 'cancelable', 'composed'];

  function runEvent(call) {
    try {
      const type = decode(call.type);
      let event;
      if (call.init === null) {
        event = new CloseEvent(type);
      } else {
        const init = {};
        call.init.forEach(function (member) {
          Object.defineProperty(init, member[0], {
            value: decode(member[1]),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        });
        event = new CloseEvent(type, init);
      }
      const props = {};
      EVENT_PROPS.forEach(function (k) {
        props[k] = event[k];
      });
      return { result: 'CloseEvent', props: props };
    } catch (e) {
      return thrown(e);
    }
  }

  function differingProps(standard, browser) {
    if (standard.result !== 'CloseEvent' || browser.result !== 'CloseEvent') {
      return [];
    }
    return EVENT_PROPS.filter(function (k) {
      return standard.props[k] !== browser.props[k];
    });
  }

  function para(text, className) {
    const p = document.createElement('p');
    if (className) {
      p.className = className;
    }
    p.textContent = text;
    return p;
  }

  /** Shows the browser's result beside the standard's in `target`, and records it on `holder`
   *  as data-verdict, data-browser-result and data-browser-detail. */
  function show(holder, target, standard, browser, m) {
    const label = function (r) {
      return r.result === 'Closes' ? m['examples-closes'] : r.result;
    };
    const props = differingProps(standard, browser);
    const same = standard.result === browser.result && props.length === 0;
    target.textContent = '';
    target.appendChild(
      para(fill(m['examples-verdict'], { standard: label(standard), browser: label(browser) }), 'outcome ' + (same ? 'same' : 'differs')),
    );
    target.appendChild(para(m[same ? 'examples-same' : 'examples-differs'], 'verdict-text'));
    if (browser.message) {
      target.appendChild(para(fill(m['examples-browser-message'], { message: browser.message }), 'browser-message'));
    }
    if (props.length > 0) {
      const list = props
        .map(function (k) {
          return k + ': ' + jsLiteral(standard.props[k]) + ' ≠ ' + jsLiteral(browser.props[k]);
        })
        .join('; ');
      target.appendChild(para(fill(m['examples-props-differ'], { props: list }), 'props-differ'));
    }
    holder.dataset.verdict = same ? 'same' : 'differs';
    holder.dataset.browserResult = browser.result;
    holder.dataset.browserDetail = JSON.stringify(browser);
    if (browser.socketState !== undefined) {
      holder.dataset.socketState = String(browser.socketState);
    }
    return same;
  }

  function runExample(example, url, m) {
    const call = JSON.parse(example.dataset.call);
    const standard = JSON.parse(example.dataset.standard);
    const browser = call.kind === 'close' ? runClose(call.args.map(decode), url) : runEvent(call);
    return show(example, example.querySelector('.browser-result'), standard, browser, m);
  }

  function setUpForm(form, bounds, url, m) {
    const code = form.querySelector('#try-code');
    const reason = form.querySelector('#try-reason');
    const bytes = form.querySelector('#try-bytes');
    const callText = form.querySelector('#try-call');
    const standardBox = form.querySelector('#try-standard');
    const result = form.querySelector('#try-result');
    let prediction = null;

    function update() {
      const args = formArgs(code.value, reason.value);
      prediction = standardClose(args, bounds);
      bytes.textContent = fill(m['examples-try-bytes'], {
        bytes: utf8LengthOfUsv(reason.value),
        max: bounds.maxReasonBytes,
      });
      callText.textContent = 'socket.close(' + args.map(jsLiteral).join(', ') + ')';
      const label = prediction.result === 'Closes' ? m['examples-closes'] : prediction.result;
      standardBox.textContent = '';
      const head = document.createElement('p');
      head.className = 'standard-outcome';
      const strong = document.createElement('strong');
      strong.textContent = fill(m['examples-standard'], { outcome: label });
      head.appendChild(strong);
      standardBox.appendChild(head);
      const list = document.createElement('ul');
      closeDetails(args, prediction, bounds).forEach(function (d) {
        const li = document.createElement('li');
        li.textContent = fill(m[d.id], d.args);
        list.appendChild(li);
      });
      standardBox.appendChild(list);
      form.dataset.predicted = prediction.result;
      form.dataset.predictedCode = prediction.code === undefined || prediction.code === null ? '' : String(prediction.code);
      form.dataset.predictedBytes = prediction.reason_bytes === undefined ? '' : String(prediction.reason_bytes);
      result.textContent = '';
      delete form.dataset.verdict;
      delete form.dataset.browserResult;
      delete form.dataset.browserDetail;
      delete form.dataset.socketState;
    }

    code.addEventListener('input', update);
    reason.addEventListener('input', update);
    form.querySelector('#try-run').addEventListener('click', function () {
      update();
      show(form, result, prediction, runClose(formArgs(code.value, reason.value), url), m);
    });
    update();
    form.hidden = false;
  }

  function init() {
    const section = document.getElementById('runnable-examples');
    if (!section) {
      return;
    }
    const bounds = JSON.parse(section.dataset.bounds);
    const m = JSON.parse(section.dataset.messages);
    const url = section.dataset.socketUrl;
    const examples = Array.prototype.slice.call(section.querySelectorAll('.example'));
    examples.forEach(function (example) {
      example.querySelector('.run').addEventListener('click', function () {
        runExample(example, url, m);
      });
      example.querySelector('.example-actions').hidden = false;
    });
    const bar = section.querySelector('.run-all-bar');
    const summary = bar.querySelector('.run-summary');
    bar.querySelector('.run-all').addEventListener('click', function () {
      let same = 0;
      examples.forEach(function (example) {
        same += runExample(example, url, m) ? 1 : 0;
      });
      summary.textContent = fill(m['examples-summary'], {
        same: same,
        total: examples.length,
        differs: examples.length - same,
      });
      section.dataset.ranAll = String(examples.length);
    });
    bar.hidden = false;
    const form = document.getElementById('try-close');
    if (form) {
      setUpForm(form, bounds, url, m);
    }
    section.dataset.ready = 'true';
  }

  init();
})();
