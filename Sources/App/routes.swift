import Vapor

func routes(_ app: Application) throws {
    HealthController.register(app)

    var web = app.grouped(app.sessions.middleware, SessionViewerMiddleware(), CSRFMiddleware())
    if let limits = app.openAPISpec.limits { web = web.grouped(FormLimitsMiddleware(limits: limits)) }
    AuthController.register(web)
    ConfirmationLinkController.register(web)
    let signedIn = web.grouped(RequireLoginMiddleware())
    DashboardController.register(signedIn)
    AccountController.register(signedIn)
    AgencyController.register(signedIn)
    OfficerController.register(signedIn)
    StaffingController.register(signedIn)
    AdminController.register(signedIn)
    TicketController.register(signedIn)
    WorkLogController.register(signedIn)
    DocumentController.register(signedIn)
    EvaluationController.register(signedIn)
    AgencyEvidenceController.register(signedIn)
    TrainingController.register(signedIn)
    InterviewController.register(signedIn)
    DutiesController.register(signedIn)
    HandoverController.register(signedIn)
    MyMailController.register(signedIn)

    try APIRoutes.register(app)
}
