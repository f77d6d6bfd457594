/**
 * 报告检查 (`POST /api/check`): a report as handed in (.docx or .txt) checked by src/checker — what
 * it states rebuilt as evaluation files, the core's audit run on them, each finding quoted with
 * where it stands. The body is the file itself (`application/octet-stream`, up to 20 MB), its name
 * in `?name=`. Any logged-in role may use it; nothing is stored and nothing is logged.
 *
 * The route lives in its own fastify context so that its body parser (raw bytes, 20 MB) applies to
 * it alone: the other routes keep their JSON bodies and their 5 MB limit. Who is asking and the
 * file name are checked before the body is read, so an anonymous 20 MB upload is refused unread.
 */
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { checkReport } from '../../checker/check.ts';
import { ReadError } from '../../checker/document.ts';
import { ServiceError, badInput } from '../errors.ts';

/** The largest report accepted, in bytes. */
export const CHECK_BODY_LIMIT = 20 * 1024 * 1024;
const OCTET_STREAM = 'application/octet-stream';
/** Longer file names are refused: no file system keeps them, and they are echoed in messages. */
const MAX_NAME = 255;

/** The file name from `?name=`, or 400 naming the field. */
function fileName(req: FastifyRequest): string {
  const raw = (req.query as Record<string, unknown>)['name'];
  const name = typeof raw === 'string' ? raw.trim() : '';
  if (name === '')
    throw badInput('缺少文件名（name）：请在地址中给出 ?name=报告文件名', [
      { path: 'name', message: '必填' },
    ]);
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (name.length > MAX_NAME || /[\u0000-\u001f\u007f]/.test(name))
    throw badInput(`文件名（name）无效：应为不超过 ${String(MAX_NAME)} 个字符的文字`, [
      { path: 'name', message: '无效' },
    ]);
  return name;
}

/**
 * Registers `POST /api/check`. `authenticate` is the app's (session or bearer token, and the CSRF
 * token for a cookie session); errors are thrown as ServiceErrors and answered by the app's error
 * handler in the service's usual shape.
 */
export function registerCheck(
  app: FastifyInstance,
  authenticate: (req: FastifyRequest) => Promise<unknown>,
): void {
  void app.register((scope, _opts, done) => {
    // here only: the body is the file's bytes; JSON and anything else is refused (415)
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      OCTET_STREAM,
      { parseAs: 'buffer', bodyLimit: CHECK_BODY_LIMIT },
      (_req, body, parsed) => {
        parsed(null, body);
      },
    );
    scope.post(
      '/api/check',
      {
        bodyLimit: CHECK_BODY_LIMIT,
        // before the body is read: who asks, and the name it is to be checked under
        onRequest: async (req) => {
          await authenticate(req);
          fileName(req);
        },
        // the parser's errors get this route's messages; the app's handler answers (thrown to it)
        errorHandler: (e: FastifyError) => {
          if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
            throw new ServiceError(
              413,
              'bad-request',
              `文件过大（上限 ${String(CHECK_BODY_LIMIT / 1024 / 1024)} MB）`,
            );
          if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
            throw new ServiceError(
              415,
              'bad-request',
              `请以 ${OCTET_STREAM} 上传报告文件（请求体即文件内容，文件名放在 ?name= 中）`,
            );
          throw e;
        },
      },
      // synchronous: the checker reads and audits in well under a second
      (req, reply) => {
        const name = fileName(req);
        const body = req.body;
        if (!Buffer.isBuffer(body) || body.length === 0)
          throw badInput(`“${name}”是空文件：请上传 .docx 或 .txt 格式的报告`, [
            { path: 'body', message: '空文件' },
          ]);
        try {
          return reply.send(checkReport(new Uint8Array(body.buffer, body.byteOffset, body.byteLength), name));
        } catch (e) {
          if (e instanceof ReadError) throw badInput(e.message);
          throw e;
        }
      },
    );
    done();
  });
}
