import { PassThrough } from 'node:stream';
import { Body, Controller, Headers, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentActor, ForTenant, Roles, type Actor } from '../../libs/tenant-host/src/index.js';
import { BulkImportService, type ImportReport } from './hallowerk.import.service.js';
import { ImportJobseekersDto } from './hallowerk.import.dto.js';

const NDJSON = 'application/x-ndjson';

@ApiTags('hallowerk')
@ApiBearerAuth()
@ForTenant('hallowerk')
@Controller('hallowerk/imports')
export class BulkImportController {
  constructor(private readonly imports: BulkImportService) {}

  /**
   * A municipality's staff enrol their residents; `dryRun` reports every row's problems and writes
   * nothing. With `Accept: application/x-ndjson` the answer streams one line per chunk as it
   * commits (`{"progress":{"done":500,"total":10000}}`) and ends with `{"report":{...}}`; a file
   * that cannot be read is refused with a 4xx before the stream starts, as without it.
   */
  @Post()
  @HttpCode(200)
  @Roles('staff')
  @ApiProduces('application/json', NDJSON)
  async run(@CurrentActor() actor: Actor, @Body() body: ImportJobseekersDto, @Headers('accept') accept?: string) {
    const cmd = { actor, csv: body.csv, dryRun: body.dryRun ?? false };
    if (!accept?.includes(NDJSON)) return this.imports.run(cmd);
    const out = new PassThrough();
    const line = (value: unknown) => out.write(`${JSON.stringify(value)}\n`);
    let readable!: () => void;
    const started = new Promise<void>((resolve) => (readable = resolve));
    const finished = this.imports.run({
      ...cmd,
      onProgress: (done, total) => {
        line({ progress: { done, total } });
        readable();
      },
    });
    // Refusals of the file itself (header, size) come before the first line: a plain 4xx.
    await Promise.race([started, finished]);
    finished.then(
      (report: ImportReport) => out.end(`${JSON.stringify({ report })}\n`),
      // The chunks that committed are in the report of a re-run (idempotent on the client number).
      () => out.end(`${JSON.stringify({ error: 'the import stopped; run the same file again to finish it' })}\n`),
    );
    return new StreamableFile(out, { type: NDJSON });
  }
}
