import Vapor

func registerCommands(_ app: Application) {
    app.asyncCommands.use(CreateUserCommand(), as: "create-user")
    app.asyncCommands.use(TokenCommand(), as: "token")
    app.asyncCommands.use(AuditVerifyCommand(), as: "audit-verify")
    app.asyncCommands.use(AuditHeadCommand(), as: "audit-head")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(ImportCommand(), as: "import")
    app.asyncCommands.use(WorkLogSummaryCommand(), as: "work-log-summary")
    app.asyncCommands.use(EvaluateCommand(), as: "evaluate")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
}

/// A command that failed: printed in Vietnamese, and the process exits non-zero.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
}
