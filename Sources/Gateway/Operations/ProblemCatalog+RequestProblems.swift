/// Problems caused by the request or by the state of the order: the caller can fix them.
extension ProblemCatalog {
    static let requestProblems: [ProblemDescription] = [
        entry(
            "invalid_request",
            400,
            en: (
                "The request is invalid",
                "The body is not valid JSON, a field has a wrong type or value, or the order id is malformed. "
                    + "The errors member lists each invalid field with the reason.",
                "Fix the fields named in errors and send the request again."
            ),
            ru: (
                "Некорректный запрос",
                "Тело запроса не является корректным JSON, у поля неверный тип или значение, либо номер заказа "
                    + "записан неверно. В поле errors перечислены все ошибочные поля с причинами.",
                "Исправьте поля из errors и отправьте запрос снова."
            )
        ),
        entry(
            "unauthorized",
            401,
            en: (
                "Authentication required",
                "The request has no bearer token, the token is not one of OTGW_API_TOKENS, "
                    + "or the console password is wrong.",
                "Send Authorization: Bearer <token> with a token from OTGW_API_TOKENS; "
                    + "for the console, log in as operator with OTGW_CONSOLE_PASSWORD."
            ),
            ru: (
                "Нужна аутентификация",
                "В запросе нет токена, токен не входит в OTGW_API_TOKENS или неверен пароль консоли.",
                "Передайте заголовок Authorization: Bearer <токен> с токеном из OTGW_API_TOKENS; "
                    + "в консоль входите пользователем operator с паролем OTGW_CONSOLE_PASSWORD."
            )
        ),
        entry(
            "not_found",
            404,
            en: (
                "Not found",
                "No resource exists at this path, or OT does not know the order.",
                "Check the path and the order id (ORD-0000000123 or the bare number)."
            ),
            ru: (
                "Не найдено",
                "По этому пути ничего нет, либо OT не знает такого заказа.",
                "Проверьте путь и номер заказа (ORD-0000000123 или просто число)."
            )
        ),
        entry(
            "method_not_allowed",
            405,
            en: (
                "Method not allowed",
                "The path exists but does not accept this HTTP method.",
                "Use one of the methods listed in the Allow header."
            ),
            ru: (
                "Метод не поддерживается",
                "Такой путь есть, но этот HTTP-метод для него не принимается.",
                "Используйте один из методов, перечисленных в заголовке Allow."
            )
        ),
        entry(
            "duplicate_external_id",
            409,
            en: (
                "An order with this externalId already exists",
                "A live (not cancelled) order placed through the gateway already has this externalId. "
                    + "The problem names that order.",
                "Use the existing order, cancel it first, or send a different externalId."
            ),
            ru: (
                "Заказ с таким externalId уже есть",
                "Действующий (не отменённый) заказ, созданный через шлюз, уже имеет этот externalId. "
                    + "В ответе указан номер этого заказа.",
                "Работайте с существующим заказом, сначала отмените его или передайте другой externalId."
            )
        ),
        entry(
            "partial_order_cancelled",
            409,
            en: (
                "OT dropped some lines, so the order was cancelled",
                "OT left out some order lines (item, configuration or seller gone, or a bad field) and the request "
                    + "asked for onPartial: cancel, so the gateway cancelled the OT order. rejectedLines lists the "
                    + "dropped lines by their 0-based index in the request.",
                "Remove or replace the rejected lines and place the order again, or send onPartial: accept "
                    + "to keep a partial order."
            ),
            ru: (
                "OT отбросил часть строк, заказ отменён",
                "OT не принял часть строк заказа (товар, конфигурация или продавец недоступны, либо неверное поле), "
                    + "а в запросе было onPartial: cancel, поэтому шлюз отменил заказ в OT. В rejectedLines указаны "
                    + "отброшенные строки по их номеру в запросе, считая с нуля.",
                "Уберите или замените эти строки и создайте заказ снова, либо передайте onPartial: accept, "
                    + "чтобы сохранять частичный заказ."
            )
        ),
        entry(
            "order_not_cancellable",
            409,
            en: (
                "The order cannot be cancelled",
                "The order is already cancelled, or OT does not allow cancelling it in its current status.",
                "Read the order to see its status; an order that is already being bought cannot be cancelled here."
            ),
            ru: (
                "Заказ нельзя отменить",
                "Заказ уже отменён, либо OT не разрешает отмену в его текущем статусе.",
                "Прочитайте заказ и посмотрите статус; заказ, который уже выкупается, здесь не отменить."
            )
        ),
        entry(
            "order_not_paid",
            409,
            en: (
                "The order is not paid",
                "The action needs a paid order, and this one is not paid in full.",
                "Pay the order with POST /orders/{id}/pay first."
            ),
            ru: (
                "Заказ не оплачен",
                "Для этого действия заказ должен быть полностью оплачен.",
                "Сначала оплатите заказ через POST /orders/{id}/pay."
            )
        ),
        entry(
            "order_cancelled",
            409,
            en: (
                "The order is cancelled",
                "The action cannot be carried out on a cancelled order.",
                "Place a new order if the goods are still needed."
            ),
            ru: (
                "Заказ отменён",
                "Это действие нельзя выполнить для отменённого заказа.",
                "Если товар всё ещё нужен, создайте новый заказ."
            )
        ),
        entry(
            "currency_mismatch",
            409,
            en: (
                "The currencies do not match",
                "The order's currency differs from the currency of the customer's account, so the gateway "
                    + "cannot move the money.",
                "Ask the OT instance's administrator to align the currencies of the account and the order."
            ),
            ru: (
                "Валюты не совпадают",
                "Валюта заказа отличается от валюты счёта покупателя, поэтому шлюз не может перевести деньги.",
                "Попросите администратора OT привести валюты счёта и заказа к одной."
            )
        ),
        entry(
            "provider_session_required",
            409,
            en: (
                "A marketplace login is needed",
                "Exporting or synchronising an order needs a live provider (Taobao) session, and there is none "
                    + "or it has expired. connectUrl is where the operator logs in.",
                "Ask the operator to open connectUrl (or the console's Connect button), log the Taobao account in, "
                    + "then retry."
            ),
            ru: (
                "Нужен вход в аккаунт площадки",
                "Для выгрузки или синхронизации заказа нужна действующая сессия поставщика (Taobao), а её нет "
                    + "или она истекла. connectUrl — адрес, где оператор входит в аккаунт.",
                "Попросите оператора открыть connectUrl (или кнопку подключения в консоли), войти в аккаунт Taobao "
                    + "и повторите запрос."
            )
        ),
        entry(
            "idempotency_key_in_use",
            409,
            en: (
                "A request with this Idempotency-Key is still running",
                "Another request with the same Idempotency-Key has not finished yet.",
                "Wait a moment and retry with the same key; you will get the first request's result."
            ),
            ru: (
                "Запрос с этим Idempotency-Key ещё выполняется",
                "Другой запрос с тем же Idempotency-Key ещё не завершён.",
                "Подождите немного и повторите с тем же ключом: вы получите результат первого запроса."
            )
        ),
        entry(
            "payload_too_large",
            413,
            en: (
                "Request body too large",
                "The request body exceeds the gateway's limit.",
                "Send a smaller body, for example fewer order lines per request."
            ),
            ru: (
                "Слишком большое тело запроса",
                "Тело запроса превышает ограничение шлюза.",
                "Отправьте тело поменьше, например меньше строк заказа за один запрос."
            )
        ),
        entry(
            "nothing_ordered",
            422,
            en: (
                "Nothing could be ordered",
                "OT accepted none of the order lines, so no order exists. rejectedLines lists them.",
                "Check the item ids and configuration ids against the catalogue and try again."
            ),
            ru: (
                "Ничего не заказано",
                "OT не принял ни одной строки, поэтому заказа нет. Строки перечислены в rejectedLines.",
                "Проверьте идентификаторы товаров и конфигураций по каталогу и повторите."
            )
        ),
        entry(
            "tmall_not_supported",
            422,
            en: (
                "Tmall items cannot be bought automatically",
                "A line is a Tmall item, and autopurchase cannot buy Tmall items, so the gateway refuses it "
                    + "(OTGW_REJECT_TMALL is on).",
                "Remove the Tmall lines or buy them by hand."
            ),
            ru: (
                "Товары Tmall нельзя выкупить автоматически",
                "Одна из строк — товар Tmall, а автовыкуп не умеет покупать товары Tmall, поэтому шлюз отклоняет "
                    + "её (включён OTGW_REJECT_TMALL).",
                "Уберите строки с товарами Tmall или выкупите их вручную."
            )
        ),
        entry(
            "amount_exceeds_remaining",
            422,
            en: (
                "The amount exceeds what remains to pay",
                "The requested payment amount is more than the order's remaining amount, or the order is "
                    + "already paid.",
                "Read the order's remainAmount and pay at most that, or leave amount out to pay the rest."
            ),
            ru: (
                "Сумма больше остатка к оплате",
                "Запрошенная сумма больше остатка к оплате по заказу, либо заказ уже оплачен.",
                "Посмотрите remainAmount заказа и платите не больше него, или не передавайте amount, "
                    + "чтобы оплатить остаток."
            )
        ),
        entry(
            "idempotency_key_reused",
            422,
            en: (
                "The Idempotency-Key was used for another request",
                "The key was already used with a different request body or path.",
                "Use a new key for a new request; reuse a key only to retry exactly the same request."
            ),
            ru: (
                "Idempotency-Key уже использован для другого запроса",
                "Этот ключ уже применялся с другим телом запроса или другим путём.",
                "Для нового запроса берите новый ключ; повторно используйте ключ только для повтора "
                    + "точно такого же запроса."
            )
        ),
        entry(
            "idempotency_key_required",
            428,
            en: (
                "An Idempotency-Key is required",
                "A payment with an explicit amount must carry an Idempotency-Key, so that a retry cannot pay twice.",
                "Send an Idempotency-Key header (1 to 255 visible ASCII characters) and reuse it on retries."
            ),
            ru: (
                "Нужен Idempotency-Key",
                "Оплата с явной суммой должна передаваться с Idempotency-Key, чтобы повтор не оплатил дважды.",
                "Передайте заголовок Idempotency-Key (от 1 до 255 видимых символов ASCII) и используйте его "
                    + "при повторах."
            )
        ),
    ]
}
