/* The segment editor's rule builder and live preview (progressive enhancement).

   Each criterion's JSON field stays the form's real input: without scripts it is edited as
   text. Here the builder reads it, shows the rules as nested "all"/"any" groups of
   conditions (attribute by name and unit, operator in words, value), and writes the JSON
   back on every change. The preview asks the server where the placement and entry rules
   would place companies, after a pause in typing, one request at a time. */
(function () {
  "use strict";

  var source = document.getElementById("rule-builder-vocabulary");
  var editor = document.querySelector("form.segment-editor");
  if (!source || !editor) return;
  var vocab = JSON.parse(source.textContent);
  var words = vocab.words;
  var attributes = {};
  vocab.attributes.forEach(function (a) { attributes[a.code] = a; });
  var uid = 0;

  function nextId(prefix) { uid += 1; return prefix + "-" + uid; }

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (key) {
      if (key === "text") node.textContent = props[key];
      else if (key === "className") node.className = props[key];
      else node.setAttribute(key, props[key]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  function labelled(labelText, control, extra) {
    var id = nextId("rb");
    control.id = id;
    var wrap = el("div", {}, [el("label", { for: id, text: labelText }), control]);
    if (extra) wrap.appendChild(extra);
    return wrap;
  }

  // --- The tree: null, {kind, children} or {attribute, op, value} -----------------------

  function fromJson(data) {
    if (data === null || data === undefined) return null;
    if (typeof data !== "object" || Array.isArray(data)) throw new Error("shape");
    var keys = Object.keys(data);
    if (keys.length === 1 && (keys[0] === "all" || keys[0] === "any")) {
      if (!Array.isArray(data[keys[0]])) throw new Error("shape");
      return { kind: keys[0], children: data[keys[0]].map(fromJson) };
    }
    if (keys.length === 3 && "attribute" in data && "op" in data && "value" in data) {
      return { attribute: String(data.attribute), op: String(data.op), value: data.value };
    }
    throw new Error("shape");
  }

  function toJson(node) {
    if (node === null) return null;
    if (node.children) {
      var group = {};
      group[node.kind] = node.children.map(toJson);
      return group;
    }
    return { attribute: node.attribute, op: node.op, value: node.value };
  }

  function isNumeric(type) { return type === "integer" || type === "decimal"; }

  // A number typed with a decimal comma is written as a number; anything else is sent as
  // typed, and the server's validation says what is wrong with it.
  function typedValue(attribute, text) {
    if (attribute && isNumeric(attribute.type)) {
      var normal = text.replace(/\s/g, "").replace(",", ".");
      if (/^-?\d+(\.\d+)?$/.test(normal)) return Number(normal);
    }
    return text;
  }

  function newCondition() {
    var first = vocab.attributes[0];
    if (!first) return { attribute: "", op: "eq", value: "" };
    return { attribute: first.code, op: first.operators.indexOf("gte") >= 0 ? "gte" : first.operators[0],
      value: defaultValue(first, "") };
  }

  function defaultValue(attribute, op) {
    if (!attribute) return "";
    if (attribute.type === "boolean") return true;
    if (attribute.type === "choice") return op === "in" ? [] : (attribute.choices[0] || "");
    return "";
  }

  // --- One builder per criterion --------------------------------------------------------

  function Builder(textarea) {
    this.textarea = textarea;
    this.field = textarea.closest(".form-field");
    this.root = el("div", { className: "rule-builder" });
    var details = el("details", {}, [el("summary", { text: words.json })]);
    this.field.parentNode.insertBefore(this.root, this.field);
    this.field.parentNode.insertBefore(details, this.field);
    details.appendChild(this.field);
    if (this.field.querySelector(".errorlist")) details.open = true;
    this.details = details;
    var self = this;
    textarea.addEventListener("change", function () { self.load(); });
    this.load();
  }

  Builder.prototype.load = function () {
    var text = this.textarea.value.trim();
    try {
      this.tree = text === "" || text === "null" ? null : fromJson(JSON.parse(text));
      if (this.tree && !this.tree.children) this.tree = { kind: "all", children: [this.tree] };
      this.broken = false;
    } catch (error) {
      this.broken = true;
    }
    this.render();
  };

  Builder.prototype.write = function () {
    var data = toJson(this.tree);
    this.textarea.value = data === null ? "" : JSON.stringify(data);
    this.textarea.dispatchEvent(new Event("input", { bubbles: true }));
  };

  Builder.prototype.render = function (focusNode, focusWhat) {
    this.root.textContent = "";
    this.focusTarget = null;
    if (this.broken) {
      this.root.appendChild(el("p", { className: "rule-note", text: words.cannot_show }));
      this.details.open = true;
      return;
    }
    if (this.tree === null) {
      var self = this;
      this.root.appendChild(el("p", { className: "rule-note", text: words.none }));
      var buttons = el("div", { className: "rule-buttons" });
      buttons.appendChild(this.button(words.add_condition, function () {
        var condition = newCondition();
        self.tree = { kind: "all", children: [condition] };
        self.changed(condition, "attribute");
      }));
      buttons.appendChild(this.button(words.add_group, function () {
        var condition = newCondition();
        self.tree = { kind: "all", children: [{ kind: "any", children: [condition] }] };
        self.changed(condition, "attribute");
      }));
      this.root.appendChild(buttons);
      if (focusWhat === "empty") this.focusTarget = buttons.firstChild;
    } else {
      this.root.appendChild(this.group(this.tree, null, words.rules, focusNode, focusWhat));
    }
    if (this.focusTarget) this.focusTarget.focus();
  };

  // After a change of structure: the JSON is written, the builder drawn again and the focus
  // put where the user continues (a new condition's attribute, or the group's add button).
  Builder.prototype.changed = function (focusNode, focusWhat) {
    this.write();
    this.render(focusNode, focusWhat);
  };

  Builder.prototype.button = function (text, action, label) {
    var button = el("button", { type: "button", text: text });
    if (label) button.setAttribute("aria-label", label);
    button.addEventListener("click", action);
    return button;
  };

  Builder.prototype.group = function (node, parent, title, focusNode, focusWhat) {
    var self = this;
    var fieldset = el("fieldset", { className: "rule-group" }, [el("legend", { text: title })]);
    var kind = el("select");
    [["all", words.all], ["any", words.any]].forEach(function (pair) {
      var option = el("option", { value: pair[0], text: pair[1] });
      if (node.kind === pair[0]) option.selected = true;
      kind.appendChild(option);
    });
    kind.addEventListener("change", function () { node.kind = kind.value; self.write(); });
    fieldset.appendChild(labelled(words.combine, kind));
    var list = el("ul", { className: "rule-children" });
    node.children.forEach(function (child, index) {
      var item = el("li");
      if (child.children) {
        item.appendChild(self.group(child, node, title + " › " + words.group + " " + (index + 1), focusNode, focusWhat));
      } else {
        item.appendChild(self.condition(child, node, focusNode, focusWhat));
      }
      list.appendChild(item);
    });
    fieldset.appendChild(list);
    var buttons = el("div", { className: "rule-buttons" });
    var add = this.button(words.add_condition, function () {
      var condition = newCondition();
      node.children.push(condition);
      self.changed(condition, "attribute");
    }, words.add_condition + ": " + title);
    buttons.appendChild(add);
    buttons.appendChild(this.button(words.add_group, function () {
      var condition = newCondition();
      node.children.push({ kind: node.kind === "all" ? "any" : "all", children: [condition] });
      self.changed(condition, "attribute");
    }, words.add_group + ": " + title));
    if (parent) {
      buttons.appendChild(this.button(words.remove_group, function () {
        self.remove(node, parent);
      }, words.remove_group + ": " + title));
    } else {
      buttons.appendChild(this.button(words.remove_all, function () {
        self.tree = null;
        self.changed(null, "empty");
      }));
    }
    fieldset.appendChild(buttons);
    if (focusNode === node && focusWhat === "add") this.focusTarget = add;
    return fieldset;
  };

  // A group left empty is removed with its last condition (a group must not be empty).
  Builder.prototype.remove = function (node, parent) {
    parent.children.splice(parent.children.indexOf(node), 1);
    if (parent.children.length > 0) return this.changed(parent, "add");
    var grand = this.parentOf(parent, this.tree, null);
    if (grand === null) {
      this.tree = null;
      return this.changed(null, "empty");
    }
    return this.remove(parent, grand);
  };

  Builder.prototype.parentOf = function (target, node, parent) {
    if (node === target) return parent;
    if (!node || !node.children) return undefined;
    for (var i = 0; i < node.children.length; i += 1) {
      var found = this.parentOf(target, node.children[i], node);
      if (found !== undefined) return found;
    }
    return undefined;
  };

  Builder.prototype.condition = function (node, parent, focusNode, focusWhat) {
    var self = this;
    var attribute = attributes[node.attribute];
    var row = el("div", { className: "rule-condition" });

    var pick = el("select");
    if (!attribute) pick.appendChild(el("option", { value: node.attribute, text: words.unknown + ": " + node.attribute }));
    vocab.attributes.forEach(function (a) {
      var option = el("option", { value: a.code, text: a.unit ? a.name + " (" + a.unit + ")" : a.name });
      if (a.code === node.attribute) option.selected = true;
      pick.appendChild(option);
    });
    pick.addEventListener("change", function () {
      var chosen = attributes[pick.value];
      node.attribute = pick.value;
      if (chosen.operators.indexOf(node.op) < 0) node.op = chosen.operators[0];
      if (!attribute || attribute.type !== chosen.type) node.value = defaultValue(chosen, node.op);
      self.changed(node, "attribute");
    });
    row.appendChild(labelled(words.attribute, pick));

    var op = el("select");
    var allowed = attribute ? attribute.operators : Object.keys(vocab.operators);
    if (allowed.indexOf(node.op) < 0) op.appendChild(el("option", { value: node.op, text: node.op }));
    allowed.forEach(function (code) {
      var option = el("option", { value: code, text: vocab.operators[code] || code });
      if (code === node.op) option.selected = true;
      op.appendChild(option);
    });
    op.addEventListener("change", function () {
      var wasList = node.op === "in";
      node.op = op.value;
      if (wasList !== (node.op === "in")) node.value = defaultValue(attribute, node.op);
      self.changed(node, "operator");
    });
    row.appendChild(labelled(words.operator, op));

    row.appendChild(this.valueControl(node, attribute));
    var name = attribute ? attribute.name : node.attribute;
    row.appendChild(el("div", { className: "rule-remove" }, [this.button(words.remove_condition, function () {
      self.remove(node, parent);
    }, words.remove_condition + ": " + name)]));
    if (focusNode === node) {
      this.focusTarget = focusWhat === "operator" ? op : pick;
    }
    return row;
  };

  Builder.prototype.valueControl = function (node, attribute) {
    var self = this;
    var control;
    var wrap;
    if (attribute && attribute.type === "boolean") {
      control = el("select");
      [[true, words.yes], [false, words.no]].forEach(function (pair) {
        var option = el("option", { value: String(pair[0]), text: pair[1] });
        if (node.value === pair[0] || String(node.value).toLowerCase() === String(pair[0])) option.selected = true;
        control.appendChild(option);
      });
      control.addEventListener("change", function () { node.value = control.value === "true"; self.write(); });
      wrap = labelled(words.value, control);
    } else if (attribute && attribute.type === "choice" && node.op !== "in") {
      control = el("select");
      attribute.choices.forEach(function (choice) {
        var option = el("option", { value: choice, text: choice });
        if (choice === node.value) option.selected = true;
        control.appendChild(option);
      });
      control.addEventListener("change", function () { node.value = control.value; self.write(); });
      wrap = labelled(words.value, control);
    } else if (node.op === "in") {
      var help = el("span", { className: "helptext", text: words.values_help, id: nextId("rb-help") });
      control = el("input", { type: "text", "aria-describedby": help.id });
      control.value = Array.isArray(node.value) ? node.value.join(", ") : String(node.value);
      control.addEventListener("input", function () {
        node.value = control.value.split(",").map(function (v) { return v.trim(); }).filter(Boolean);
        self.write();
      });
      wrap = labelled(words.value, control, help);
    } else {
      control = el("input", { type: "text" });
      if (attribute && isNumeric(attribute.type)) control.setAttribute("inputmode", "decimal");
      control.value = node.value === null || node.value === undefined ? "" : String(node.value);
      control.addEventListener("input", function () {
        node.value = typedValue(attribute, control.value);
        self.write();
      });
      var unit = attribute && attribute.unit ? el("span", { className: "unit", text: attribute.unit }) : null;
      wrap = labelled(words.value, control, unit);
    }
    wrap.className = "rule-value";
    return wrap;
  };

  document.querySelectorAll(".rules textarea.rules-json").forEach(function (textarea) {
    new Builder(textarea);
  });

  // --- The live preview -----------------------------------------------------------------

  var panel = editor.querySelector(".rule-preview");
  var url = editor.getAttribute("data-preview-url");
  if (!panel || !url) return;
  panel.hidden = false;
  var result = panel.querySelector(".preview-result");
  var year = panel.querySelector("input[name=preview-year]");
  var token = editor.querySelector("input[name=csrfmiddlewaretoken]").value;
  var rulesOf = function (kind) {
    var box = editor.querySelector("[data-kind=" + kind + "] textarea.rules-json");
    return box ? box.value : "";
  };
  var timer = null;
  var running = null;
  var again = false;
  var DELAY = 700;

  function show(text, isError) {
    result.textContent = text;
    result.classList.toggle("is-error", Boolean(isError));
  }

  function ask() {
    // One request at a time: a change made meanwhile is asked for when it answers.
    if (running) { again = true; return; }
    var body = new FormData();
    body.append("placement", rulesOf("placement"));
    body.append("entry", rulesOf("entry"));
    body.append("year", year.value);
    show(words.computing, false);
    editor.setAttribute("aria-busy", "true");
    running = fetch(url, { method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": token, "Accept": "application/json" } })
      .then(function (response) {
        return response.json().then(function (data) { return { status: response.status, data: data }; });
      })
      .then(function (answer) {
        if (answer.status === 429) { again = true; return; }
        if (answer.data.error) show(answer.data.error, true);
        else show(answer.data.text, false);
        panel.setAttribute("data-placed", answer.data.placed === undefined ? "" : answer.data.placed);
      })
      .catch(function () { show(words.failed, true); })
      .then(function () {
        running = null;
        editor.removeAttribute("aria-busy");
        if (again) { again = false; schedule(); }
      });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(ask, DELAY);
  }

  ["placement", "entry"].forEach(function (kind) {
    var box = editor.querySelector("[data-kind=" + kind + "] textarea.rules-json");
    if (box) box.addEventListener("input", schedule);
  });
  year.addEventListener("input", schedule);
  ask();
})();
