import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { BUTTON_HANDLER_METADATA, type ButtonHandlerProvider } from './button-handler';

/** Finds every `@ButtonHandler()` provider; a button goes to the handler of its custom id's prefix. */
@Injectable()
export class ButtonRegistryService implements OnModuleInit {
  private readonly handlers = new Map<string, ButtonHandlerProvider>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!wrapper.metatype || !instance) continue;
      if (!this.reflector.get<boolean | undefined>(BUTTON_HANDLER_METADATA, wrapper.metatype)) continue;
      const handler = instance as ButtonHandlerProvider;
      if (this.handlers.has(handler.prefix))
        throw new Error(`Two button handlers claim the prefix "${handler.prefix}"`);
      this.handlers.set(handler.prefix, handler);
    }
  }

  /** `np:pause` goes to the handler of `np`; ids without a colon are their own prefix. */
  find(customId: string): ButtonHandlerProvider | undefined {
    const colon = customId.indexOf(':');
    return this.handlers.get(colon === -1 ? customId : customId.slice(0, colon));
  }
}
