export declare function dockerfileStage(name: string): string;
export declare function imageRuntime(): {
  nodeOptions: string;
  nodeFlags: string[] | null;
  cmd: string;
};
