// Starts the API explorer on /docs from the vendored Swagger UI (a file, as the page allows no inline script).
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("swagger-ui");
  window.SwaggerUIBundle({ url: box.dataset.spec, dom_id: "#swagger-ui" });
});
