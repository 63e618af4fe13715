import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/src/index.js';
import { LocalDiskStorage } from './local-disk-storage.js';
import { FileStorage } from './storage.js';

/** Document storage for every capability; the disk folder comes from STORAGE_DIR. */
@Global()
@Module({
  providers: [{ provide: FileStorage, inject: [AppConfig], useFactory: (c: AppConfig) => new LocalDiskStorage(c.STORAGE_DIR) }],
  exports: [FileStorage],
})
export class StorageModule {}
