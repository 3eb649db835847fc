// newsledger web: interaction only. Every page reads the same without this script.
"use strict";
(function () {
  const details = document.getElementById("details");

  function show(text) {
    details.textContent = text;
    const close = document.createElement("button");
    close.type = "button"; close.textContent = "×"; close.setAttribute("aria-label", "Close");
    close.addEventListener("click", hide);
    details.appendChild(close);
    details.hidden = false;
  }
  function hide() { details.hidden = true; document.querySelectorAll(".sel").forEach((el) => el.classList.remove("sel")); }

  // Map markers and timeline dots: their tooltip, shown on tap too (touch screens have no hover).
  // A marker's link still leads to its events; the first tap or click on it shows the summary.
  document.querySelectorAll(".map .mk, .timeline .dot").forEach((el) => {
    el.addEventListener("click", (ev) => {
      const title = el.querySelector("title");
      if (!title || el.classList.contains("sel")) return;  // a second click follows the link
      ev.preventDefault();
      hide();
      el.classList.add("sel");
      show(title.textContent + (el.closest("a") ? " — choose again to list them." : ""));
    });
  });

  // Network: pointing at a party keeps its relations in view and fades the rest.
  const network = document.querySelector("svg.network");
  if (network) {
    const focus = (name) => {
      network.classList.add("focus");
      network.querySelectorAll(".edge").forEach((e) => e.classList.toggle("on", e.dataset.from === name || e.dataset.to === name));
      const near = new Set([name]);
      network.querySelectorAll(".edge.on").forEach((e) => { near.add(e.dataset.from); near.add(e.dataset.to); });
      network.querySelectorAll(".node").forEach((n) => n.classList.toggle("on", near.has(n.dataset.name)));
    };
    const blur = () => network.classList.remove("focus");
    network.querySelectorAll(".node").forEach((node) => {
      node.addEventListener("mouseenter", () => focus(node.dataset.name));
      node.addEventListener("focus", () => focus(node.dataset.name));
      node.addEventListener("mouseleave", blur);
      node.addEventListener("blur", blur);
      node.addEventListener("click", () => { focus(node.dataset.name); show(node.querySelector("title").textContent); });
    });
  }

  // A changed select in a filter form applies at once.
  document.querySelectorAll("form.filters select").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") hide(); });
})();
