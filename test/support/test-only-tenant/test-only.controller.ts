import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import { Public, Roles, TenantDb } from '../../../libs/tenant-host/src/index.js';

class NoteDto {
  @IsString()
  @MaxLength(200)
  text: string;
}

/** Routes of the test-only tenant's own module, reached through the core's guard and pipes. */
@Controller('test-only')
export class TestOnlyController {
  constructor(private readonly db: TenantDb) {}

  @Post('notes')
  @Roles('staff')
  async add(@Body() body: NoteDto) {
    const [row] = await this.db.transaction((tx) =>
      tx.query<{ id: string }>(
        `INSERT INTO test_only_notes (tenant_id, text) VALUES ($1, $2) RETURNING id`,
        [tx.tenantId, body.text],
      ),
    );
    return row;
  }

  @Get('notes')
  @Roles('staff')
  async list() {
    return {
      items: await this.db.transaction((tx) =>
        tx.query(`SELECT id, text FROM test_only_notes WHERE tenant_id = $1 ORDER BY text`, [
          tx.tenantId,
        ]),
      ),
    };
  }

  /** A request that is still running when the app is asked to shut down. */
  @Get('slow')
  @Public()
  async slow(@Query('ms') ms = '300') {
    await new Promise((r) => setTimeout(r, Math.min(Number(ms) || 0, 5000)));
    const [row] = await this.db.transaction((tx) =>
      tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM test_only_notes WHERE tenant_id = $1`,
        [tx.tenantId],
      ),
    );
    return { done: true, notes: row.n };
  }

  /** Deliberately without an access rule: the guard must refuse it and the route walk must list it. */
  // eslint-disable-next-line platform/require-access-rule
  @Get('forgotten')
  forgotten() {
    return { leaked: true };
  }
}
