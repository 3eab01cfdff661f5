extension PageTexts {
    static let russian = PageTexts(
        productName: "OTGateway",
        languageLabel: "Язык",
        openConsole: "Открыть консоль",
        startAgain: "Начать заново",
        tryAgain: "Попробовать снова",
        reload: "Обновить",

        connectedTitle: "Аккаунт Taobao подключён",
        connectedBody:
            "Аккаунт {account} подключён. Сессия действует около 24 часов, поэтому завтра подключите его снова.",
        connectedSameSession:
            "OT сохранил прежнюю сессию этого аккаунта, поэтому шлюз считает успешный возврат обновлением.",
        connectedOtherAccount: "Вы хотели переподключить {requested}, но вход выполнен в {account}.",
        refusedTitle: "Вход в Taobao отклонён",
        refusedBody: "Вход не завершён, сессия не добавлена. Указанная причина:",
        refusedNoDescription: "Причина не указана.",
        noSessionTitle: "Новая сессия не найдена",
        noSessionBody:
            "Вход вернулся без ошибки, но в OT нет новой или обновлённой сессии. Попробуйте снова. "
            + "Если вы вошли в уже подключённый аккаунт, нажмите для него «Переподключить» в консоли.",
        cancelledTitle: "Этот вход заменён",
        cancelledBody: "После этого входа был начат новый, поэтому этот больше не учитывается.",
        checkFailedTitle: "Не удалось проверить сессии",
        checkFailedBody: "Шлюз не смог получить список сессий провайдера из OT:",
        stillCheckingTitle: "Проверка ещё идёт",
        stillCheckingBody: "Этот вход ещё проверяется в другой вкладке. Обновите страницу через несколько секунд.",
        unknownStateTitle: "Ссылка входа недействительна",
        unknownStateBody:
            "Ссылка входа неизвестна или устарела (она действует 15 минут). Начните подключение заново.",
        otherBrowserTitle: "Вход начат в другом браузере",
        otherBrowserBody:
            "Этот вход начат в другом браузере и завершить его можно только там. Начните новое подключение здесь.",

        pendingTitle: "Вход в Taobao уже выполняется",
        pendingBody: "Вход, начатый в {started}, открыт до {expires}. Одновременно может идти только один вход.",
        pendingAccount: "Он обновляет аккаунт {account}.",
        pendingHere: "Он начат в этом браузере: завершите его во вкладке, где открыта страница Taobao.",
        pendingElsewhere: "Он начат в другом браузере или скриптом.",
        startOver: "Начать заново",
        startOverHint: "Новый вход отменит начатый и откроет новый.",
        redirectingTitle: "Открываем вход в Taobao",
        redirectingLink: "Перейти ко входу в Taobao",
        connectFailedTitle: "Не удалось начать вход в Taobao",
        connectFailedBody: "OT не выдал страницу входа:",
        invalidAccountTitle: "Недопустимое имя аккаунта",
        invalidAccountBody: "Имя аккаунта — от 1 до 64 символов без управляющих символов.",
        disabledTitle: "Консоль отключена",
        disabledBody: "Задайте OTGW_CONSOLE_PASSWORD, чтобы включить консоль оператора и страницы подключения Taobao.",
        unauthorizedTitle: "Требуется вход",
        unauthorizedBody: "Войдите как operator с паролем консоли.",
        filesMissingTitle: "Файлы консоли не найдены",
        filesMissingBody: "Шлюз не нашёл папку public; укажите её в OTGW_PUBLIC_DIR.",
        internalErrorTitle: "Что-то пошло не так",
        internalErrorBody: "Шлюз не смог обработать страницу. Номер запроса поможет найти её в журнале:"
    )
}
