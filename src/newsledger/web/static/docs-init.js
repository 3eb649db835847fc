// Starts the bundled Swagger UI on this server's OpenAPI document.
window.ui = SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
