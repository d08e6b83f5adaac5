// The review page: sends the draft to the local server and shows its HTML review in a sandboxed
// frame. The draft itself is never put into this page as HTML.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const text = $("text"), filename = $("filename"), audience = $("audience"), genre = $("genre");
  const status = $("status"), frame = $("review"), fixButton = $("fix"), htmlButton = $("download-html");
  let timer = null, token = null, sent = 0;

  function payload() {
    return { text: text.value, filename: filename.value || "draft.md",
             audience: audience.value || null, genre: genre.value || null };
  }

  async function post(path, body) {
    const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json" },
                                         body: JSON.stringify(body) });
    const data = await response.json();
    if (!response.ok) throw new Error(data.error || response.statusText);
    return data;
  }

  async function review() {
    const mine = ++sent;  // an older answer arriving late must not replace a newer one
    status.textContent = "Checking…";
    try {
      const data = await post("/api/review", payload());
      if (mine !== sent) return;
      token = data.token;
      frame.src = "/report/" + encodeURIComponent(token);
      status.textContent = data.summary + (data.fixes ? "; " + data.fixes + " can be fixed safely." : ".");
      fixButton.disabled = !data.fixes;
      htmlButton.disabled = false;
    } catch (error) {
      if (mine === sent) status.textContent = "Could not check the draft: " + error.message;
    }
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(review, 400);
  }

  function download(name, type, content) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([content], { type: type }));
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  text.addEventListener("input", later);
  filename.addEventListener("change", review);
  audience.addEventListener("change", review);
  genre.addEventListener("change", review);
  $("file").addEventListener("change", () => {
    const file = $("file").files[0];
    if (!file) return;
    file.text().then((content) => { text.value = content; filename.value = file.name; review(); });
  });
  fixButton.addEventListener("click", async () => {
    try {
      const data = await post("/api/fix", payload());
      text.value = data.text;
      status.textContent = data.fixes + " fixed.";
      review();
    } catch (error) {
      status.textContent = "Could not apply the fixes: " + error.message;
    }
  });
  $("download-text").addEventListener("click", () => download(filename.value || "draft.md", "text/plain", text.value));
  htmlButton.addEventListener("click", () => {
    if (!token) return;
    const link = document.createElement("a");
    link.href = "/report/" + encodeURIComponent(token) + "?download=1";
    link.download = "contentcheck-review.html";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  $("download-json").addEventListener("click", async () => {
    try {
      const data = await post("/api/check", payload());
      download("contentcheck-report.json", "application/json", JSON.stringify(data, null, 2));
    } catch (error) {
      status.textContent = "Could not make the report: " + error.message;
    }
  });
})();
