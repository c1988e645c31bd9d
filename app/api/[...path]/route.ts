// Any /api path no route claims: a JSON 404 like every other API answer, not the HTML "not found" page.
import { notFound } from '@/lib/http';

const answer = async (request: Request) => notFound(`no API route at ${new URL(request.url).pathname.slice(0, 200)}`);

export { answer as DELETE, answer as GET, answer as HEAD, answer as OPTIONS, answer as PATCH, answer as POST, answer as PUT };
