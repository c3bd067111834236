import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { PhoneHasher } from './phone-hasher';
import { SecretBox } from './secret-box';

@Global()
@Module({
  providers: [{ provide: SecretBox, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretBox(config.SECRETS_KEY, config.SECRETS_KEY_PREVIOUS) }, PhoneHasher],
  exports: [SecretBox, PhoneHasher],
})
export class CryptoModule {}
