import * as setById from "@/app/api/sets/[id]/route";
import * as duplicate from "@/app/api/sets/[id]/duplicate/route";
import * as exportSet from "@/app/api/sets/[id]/export/route";
import * as importSet from "@/app/api/sets/import/route";
import * as sets from "@/app/api/sets/route";

/**
 * Next's file-system routing for app/api/sets/*, for the test HTTP stack (tests/support/
 * http-app.ts): the same route modules, reached at the paths Next gives them. Null: not a set route.
 */
export async function setRoutes(request: Request): Promise<Response | null> {
  const parts = new URL(request.url).pathname.split("/").filter(Boolean);
  if (parts[0] !== "api" || parts[1] !== "sets") return null;
  const method = request.method;
  const [, , id, action, extra] = parts;
  if (extra !== undefined) return null;
  const context = { params: Promise.resolve({ id: decodeURIComponent(id ?? "") }) };
  if (id === undefined) {
    if (method === "GET") return sets.GET(request);
    if (method === "POST") return sets.POST(request);
  } else if (id === "import" && action === undefined) {
    if (method === "POST") return importSet.POST(request);
  } else if (action === undefined) {
    if (method === "GET") return setById.GET(request, context);
    if (method === "PUT") return setById.PUT(request, context);
    if (method === "DELETE") return setById.DELETE(request, context);
  } else if (action === "duplicate" && method === "POST") return duplicate.POST(request, context);
  else if (action === "export" && method === "GET") return exportSet.GET(request, context);
  return new Response(null, { status: 405 });
}
