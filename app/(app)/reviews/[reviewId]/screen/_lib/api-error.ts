/** The JSON API's error message (`{ error: { message } }`), or a plain one for any other answer. */
export async function apiError(res: Response): Promise<{ ok: false; status: number; message: string }> {
  let message = `The server answered ${res.status}.`;
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    if (body.error?.message) message = body.error.message;
  } catch {
    /* not JSON */
  }
  return { ok: false, status: res.status, message };
}

export const OFFLINE_MESSAGE = 'The server could not be reached; check your connection.';
