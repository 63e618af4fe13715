export { FileStorage, InvalidStorageKeyError, assertStorageKey } from './storage.js';
export { LocalDiskStorage } from './local-disk-storage.js';
export { StorageModule } from './storage.module.js';
