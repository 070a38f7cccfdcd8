// Signing on the desk, in the browser (docs/security.md): a person's Ed25519 key is read
// from a PEM file or made here with WebCrypto, and never leaves the browser. The forms
// marked data-sign ask the depositary for the canonical text of what they will write,
// sign it here, and send only the signature. Without this script the same forms take a
// signature made elsewhere (`depositary sign`).
"use strict";

// The desk's act form offers, for the participant and the instrument chosen, only the
// kinds of act the engine would admit (each instrument's data-kinds, by participant).
// Without this script every kind is offered, and the examination before signing refuses
// the others.
(() => {
  const form = document.querySelector("form[data-choices]");
  if (!form) return;
  const { participant, instrument, kind } = form.elements;
  const follow = () => {
    const chosen = instrument.selectedOptions[0];
    if (!chosen) return;
    const admitted = JSON.parse(chosen.dataset.kinds || "{}")[participant.value] || [];
    for (const option of kind.options) {
      option.hidden = option.disabled = !admitted.includes(option.value);
    }
    if (kind.selectedOptions[0] && kind.selectedOptions[0].disabled) {
      const first = [...kind.options].find((option) => !option.disabled);
      if (first) kind.value = first.value;
    }
  };
  participant.addEventListener("change", follow);
  instrument.addEventListener("change", follow);
  follow();
})();

(() => {
  const section = document.getElementById("signing-key");
  if (!section || !window.crypto || !crypto.subtle) {
    return;  // no key section on this page, or no WebCrypto (an insecure origin)
  }
  const person = section.dataset.person;
  const ED25519 = { name: "Ed25519" };
  const status = document.getElementById("key-state");
  const shown = document.getElementById("key-public");
  let key = null;  // the CryptoKey this page signs with: never extractable

  const base64 = (bytes) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
  const fromBase64url = (text) => base64(Uint8Array.from(
    atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)));

  // The keys kept in this browser, one per person, in IndexedDB: a CryptoKey stored
  // there cannot be read back out, only used to sign.
  const store = () => new Promise((resolve, reject) => {
    const opened = indexedDB.open("depositary-keys", 1);
    opened.onupgradeneeded = () => opened.result.createObjectStore("keys");
    opened.onsuccess = () => resolve(opened.result);
    opened.onerror = () => reject(opened.error);
  });
  const keys = async (mode, action) => {
    const db = await store();
    return new Promise((resolve, reject) => {
      const request = action(db.transaction("keys", mode).objectStore("keys"));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  };

  const using = (found, publicKey, where) => {
    key = found;
    status.textContent = `Signing as ${person} with ${where} (public key ${publicKey}).`;
    shown.value = publicKey;
  };

  async function fromPem(text) {
    const body = text.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
    const der = Uint8Array.from(atob(body), (c) => c.charCodeAt(0));
    // Read once to learn the public key, then kept only as a key that signs.
    const open = await crypto.subtle.importKey("pkcs8", der, ED25519, true, ["sign"]);
    const jwk = await crypto.subtle.exportKey("jwk", open);
    const signing = await crypto.subtle.importKey("pkcs8", der, ED25519, false, ["sign"]);
    return { signing, publicKey: fromBase64url(jwk.x) };
  }

  document.getElementById("key-file").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    event.target.value = "";  // the file input is not part of any form: nothing is sent
    if (!file) return;
    try {
      const found = await fromPem(await file.text());
      if (document.getElementById("key-remember").checked) {
        await keys("readwrite", (s) => s.put(
          { key: found.signing, publicKey: found.publicKey }, person));
      }
      using(found.signing, found.publicKey, `the key from ${file.name}`);
    } catch (error) {
      status.textContent = `${file.name} is not an Ed25519 private key in PEM (PKCS#8): ${error.message}`;
    }
  });

  document.getElementById("key-generate").addEventListener("click", async () => {
    try {
      const pair = await crypto.subtle.generateKey(ED25519, false, ["sign", "verify"]);
      const publicKey = base64(await crypto.subtle.exportKey("raw", pair.publicKey));
      await keys("readwrite", (s) => s.put({ key: pair.privateKey, publicKey }, person));
      using(pair.privateKey, publicKey, "a key made and kept in this browser");
      status.textContent += " Give the public key to the administrator to register it.";
    } catch (error) {
      status.textContent = `No key was made in this browser: ${error.message}`;
    }
  });

  document.getElementById("key-forget").addEventListener("click", async () => {
    await keys("readwrite", (s) => s.delete(person));
    key = null;
    shown.value = "";
    status.textContent = "No key is kept in this browser for you.";
  });

  // A key chosen or made while this read was under way is not replaced by it.
  keys("readonly", (s) => s.get(person)).then((kept) => {
    if (kept && key === null) using(kept.key, kept.publicKey, "the key kept in this browser");
  });

  async function asked(url, body, form) {
    const answer = await fetch(url, {
      method: "POST", credentials: "same-origin", body: JSON.stringify(body),
      headers: { "Content-Type": "application/json",
                 "X-CSRF-Token": form.elements.csrf.value },
    });
    const found = await answer.json();
    if (!answer.ok) throw new Error(found.detail || answer.statusText);
    return found;
  }

  // What each kind of form signs: the canonical text, from the depositary.
  const texts = {
    async submission(form) {
      const fields = form.elements;
      const act = { instrument: fields.instrument.value, participant: fields.participant.value,
                    kind: fields.kind.value, dated: new Date().toISOString().slice(0, 10) };
      if (fields.text.value.trim()) act.text = fields.text.value.trim();
      const found = await asked("/api/submissions/message", { act }, form);
      fields.id.value = found.act.id;
      fields.dated.value = found.act.dated;
      return found.message;
    },
    async registration(form) {
      return form.dataset.message;
    },
    async position(form) {
      const fields = form.elements;
      const found = await asked(
        `/api/drafts/${encodeURIComponent(fields.draft.value)}/positions/message`,
        { participant: fields.participant.value, position: fields.position.value,
          text: fields.text.value.trim() }, form);
      return found.message;
    },
  };

  // form.submit() sends the form without a second submit event: the signature is in it.
  for (const form of document.querySelectorAll("form[data-sign]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const alert = form.querySelector(".sign-problem");
      alert.textContent = "";
      const field = form.elements.signature || form.elements.countersignature;
      try {
        if (key !== null) {
          const text = await texts[form.dataset.sign](form);
          field.value = base64(await crypto.subtle.sign(ED25519, key, new TextEncoder().encode(text)));
        } else if (!field.value.trim() && form.dataset.signOptional !== "yes") {
          throw new Error("choose your signing key first (above), or paste a signature made with `depositary sign`");
        }
        form.submit();
      } catch (error) {
        alert.textContent = `Not signed: ${error.message}`;
      }
    });
  }

  // The key's controls do nothing without this script: they are disabled in the page and
  // enabled here, once everything answers (a click before that would be lost).
  for (const id of ["key-file", "key-generate", "key-forget"]) {
    document.getElementById(id).disabled = false;
  }
})();
