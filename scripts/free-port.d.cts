/** See free-port.cjs. */
export declare function freePort(): Promise<number>;
