/// Problems of the Taobao connect flow and the operator console.
extension ProblemCatalog {
    static let consoleProblems: [ProblemDescription] = [
        entry(
            "provider_login_pending",
            409,
            en: (
                "A Taobao login is already open",
                "Only one provider login runs at a time, and one started earlier has not finished or expired yet.",
                "Finish the open login in its browser tab, wait for it to expire, or send \"restart\": true to replace it."
            ),
            ru: (
                "Вход в Taobao уже начат",
                "Одновременно идёт только один вход, а начатый ранее ещё не завершён и не истёк.",
                "Завершите открытый вход в его вкладке, дождитесь его истечения или отправьте \"restart\": true, чтобы заменить его."
            )
        ),
        entry(
            "console_files_missing",
            503,
            en: (
                "Console files not found",
                "The gateway could not find the operator console's files (the public folder).",
                "Set OTGW_PUBLIC_DIR to the public folder of the installation, or start the gateway from the folder that contains it."
            ),
            ru: (
                "Файлы консоли не найдены",
                "Шлюз не нашёл файлы консоли оператора (папку public).",
                "Укажите OTGW_PUBLIC_DIR с путём к папке public или запускайте шлюз из папки, где она лежит."
            )
        ),
    ]
}
