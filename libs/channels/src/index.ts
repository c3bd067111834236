export * from './channel-defaults';
export * from './channel.entity';
export * from './channels.module';
export * from './channels.service';
