
(function () {
  "use strict";
  // Details come from the page's JSON and are inserted with textContent only: never as HTML.
  var data = JSON.parse(document.getElementById("ledger-data").textContent);
  var article = document.getElementById("article");
  var panel = document.getElementById("details");
  var cards = panel.querySelector(".cards");
  var tip = document.getElementById("tip");
  var KIND_NAMES = {event: "event", claim: "claim", cue: "cue", actor: "actor / entity",
                    place: "place", date: "date", quantity: "quantity"};

  function keyOf(node) {
    return node && node.getAttribute ? node.getAttribute("data-a") : null;
  }

  // Every layer covering a point in the article, innermost first.
  function keysAt(node) {
    var keys = [];
    for (var n = node; n && n !== article; n = n.parentElement) {
      var key = keyOf(n);
      if (key && keys.indexOf(key) < 0) keys.push(key);
    }
    return keys;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function renderCard(key) {
    var card = data.cards[key];
    var section = el("section", "card");
    if (!card) return section;
    section.appendChild(el("div", "kind", KIND_NAMES[card.kind] || card.kind));
    section.appendChild(el("h3", "", card.title));
    var list = el("dl");
    card.rows.forEach(function (row) {
      list.appendChild(el("dt", "", row[0]));
      list.appendChild(el("dd", "", row[1]));
    });
    section.appendChild(list);
    return section;
  }

  function marked(key) {
    return document.querySelectorAll('[data-a="' + CSS.escape(key) + '"]');
  }

  var selected = [];
  function select(keys, reveal) {
    selected.forEach(function (node) { node.classList.remove("sel"); });
    selected = [];
    keys.forEach(function (key) {
      marked(key).forEach(function (node) { node.classList.add("sel"); selected.push(node); });
    });
    cards.replaceChildren.apply(cards, keys.map(renderCard));
    panel.hidden = keys.length === 0;
    if (reveal && keys.length) {
      var first = article.querySelector('[data-a="' + CSS.escape(keys[0]) + '"]');
      if (first) first.scrollIntoView({block: "center", behavior: "smooth"});
    }
  }

  article.addEventListener("click", function (e) {
    var node = e.target.closest("[data-a]");
    tip.hidden = true;
    if (node) select(keysAt(node), false);
  });

  // Table rows, timeline bars and map points select their record and bring its words into view.
  document.querySelectorAll(".side-col [data-a]").forEach(function (node) {
    node.addEventListener("click", function () { select([keyOf(node)], true); });
    node.addEventListener("keydown", function (e) {
      if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select([keyOf(node)], true); }
    });
  });

  panel.querySelector(".close").addEventListener("click", function () { select([], false); });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") select([], false); });

  var hovered = [];
  article.addEventListener("mouseover", function (e) {
    var node = e.target.closest("[data-a]");
    hovered.forEach(function (n) { n.classList.remove("hover"); });
    hovered = [];
    if (!node) { tip.hidden = true; return; }
    var keys = keysAt(node);
    marked(keys[0]).forEach(function (n) { n.classList.add("hover"); hovered.push(n); });
    tip.textContent = keys.map(function (k) { return data.cards[k] ? data.cards[k].title : ""; }).join("  ·  ");
    tip.hidden = false;
  });
  article.addEventListener("mousemove", function (e) {
    var x = Math.min(e.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(x, 8) + "px";
    tip.style.top = (e.clientY + 18) + "px";
  });
  article.addEventListener("mouseleave", function () {
    tip.hidden = true;
    hovered.forEach(function (n) { n.classList.remove("hover"); });
    hovered = [];
  });

  document.querySelectorAll(".layers input[data-layer]").forEach(function (box) {
    box.addEventListener("change", function () {
      article.classList.toggle("hide-" + box.getAttribute("data-layer"), !box.checked);
    });
  });
})();
