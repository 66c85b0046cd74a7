// A tiny HTTP server: the home page lists the CMS's latest posts, fetched from Ghost's
// Content API at CMS_URL (http://cms:1337 inside the site). No dependencies; Node 20+ has fetch.
const http = require("node:http");

const port = Number(process.env.PORT || 3000);
const cmsURL = process.env.CMS_URL || "http://cms:1337";
const contentKey = process.env.CMS_CONTENT_KEY || "";

const escapeHTML = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

async function latestPosts() {
  const url = `${cmsURL}/ghost/api/content/posts/?key=${encodeURIComponent(contentKey)}&limit=10&fields=title,url,excerpt`;
  const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
  if (!response.ok) throw new Error(`CMS answered ${response.status}`);
  const body = await response.json();
  return body.posts || [];
}

function page(title, body) {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHTML(title)}</title></head><body>${body}</body></html>`;
}

const server = http.createServer(async (request, response) => {
  if (request.url === "/healthz") {
    response.writeHead(200, { "content-type": "text/plain" }).end("ok\n");
    return;
  }
  try {
    const posts = await latestPosts();
    const items = posts.map((post) => `<li><a href="${escapeHTML(post.url)}">${escapeHTML(post.title)}</a><p>${escapeHTML(post.excerpt || "")}</p></li>`);
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(page("Website", `<h1>Latest posts</h1><ul>${items.join("")}</ul>`));
  } catch (error) {
    response.writeHead(502, { "content-type": "text/html; charset=utf-8" });
    response.end(page("CMS unavailable", `<h1>The CMS is not answering</h1><p>${escapeHTML(error.message)}</p>`));
  }
});

server.listen(port, () => console.log(`site listening on :${port}, CMS at ${cmsURL}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
