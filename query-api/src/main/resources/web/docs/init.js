// The API browser: Swagger UI over this server's own /openapi.json (same origin, so a logged-in session works).
window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui', deepLinking: true });
