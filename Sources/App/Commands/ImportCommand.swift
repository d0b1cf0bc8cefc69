import Vapor
struct ImportCommand: AsyncCommand { struct Signature: CommandSignature {}; var help: String { "" }
 func run(using context: CommandContext, signature: Signature) async throws {} }
