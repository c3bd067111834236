import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SecretBox } from './secret-box';

@Global()
@Module({
  providers: [{ provide: SecretBox, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretBox(config.SECRETS_KEY, config.SECRETS_KEY_PREVIOUS) }],
  exports: [SecretBox],
})
export class CryptoModule {}
