/// Problems with OT or with the gateway itself, sent with a 5xx status.
extension ProblemCatalog {
    static let upstreamProblems: [ProblemDescription] = [
        entry(
            "ot_rejected",
            502,
            en: (
                "OT rejected the call",
                "OT refused the call (ValidationError, ContractViolation or another code). detail, otErrorCode "
                    + "and otSubErrorCode carry OT's reason.",
                "Read detail: a validation error usually means a field value OT does not accept. "
                    + "Repeating the same request will fail the same way."
            ),
            ru: (
                "OT отклонил вызов",
                "OT отказал в вызове (ValidationError, ContractViolation или другой код). Причина от OT — "
                    + "в detail, otErrorCode и otSubErrorCode.",
                "Прочитайте detail: ошибка проверки обычно означает значение поля, которое OT не принимает. "
                    + "Тот же запрос повторно завершится так же."
            )
        ),
        entry(
            "ot_access_denied",
            502,
            en: (
                "OT denied access",
                "OT refused the instance key, the signature, the caller's IP address or a login.",
                "The operator must fix the configuration: check OTGW_INSTANCE_KEY, OTGW_API_SECRET, the server "
                    + "clock, the IP allowed for the key, and the OTGW_OPERATOR_* and OTGW_CUSTOMER_* logins. "
                    + "Run otgateway check."
            ),
            ru: (
                "OT запретил доступ",
                "OT не принял ключ инстанса, подпись, IP-адрес шлюза или логин.",
                "Оператору нужно исправить настройки: проверьте OTGW_INSTANCE_KEY, OTGW_API_SECRET, часы сервера, "
                    + "IP-адрес, разрешённый для ключа, и логины OTGW_OPERATOR_* и OTGW_CUSTOMER_*. "
                    + "Запустите otgateway check."
            )
        ),
        entry(
            "ot_session_expired",
            502,
            en: (
                "OT session expired again",
                "OT reported the session expired, the gateway logged in again, and OT reported it expired again.",
                "Retry later; if it persists, check the accounts with otgateway check."
            ),
            ru: (
                "Сессия OT снова истекла",
                "OT сообщил, что сессия истекла, шлюз вошёл заново, и OT снова сообщил об истечении.",
                "Повторите позже; если ошибка не проходит, проверьте учётные записи командой otgateway check."
            )
        ),
        entry(
            "ot_bad_response",
            502,
            en: (
                "OT's answer is not valid",
                "OT answered with something that is not a valid OT answer: an HTTP error, a page instead of XML, "
                    + "or a required field missing.",
                "Retry later. If it repeats, send the requestId to the operator, who finds the details in the logs."
            ),
            ru: (
                "Некорректный ответ OT",
                "OT вернул не то, что ожидалось: ошибку HTTP, страницу вместо XML или ответ без обязательного поля.",
                "Повторите позже. Если ошибка повторяется, передайте requestId оператору: подробности есть в журнале."
            )
        ),
        entry(
            "payment_incomplete",
            502,
            en: (
                "The payment did not finish",
                "A step of the payment failed. The body says how much was deposited and reserved and what remains.",
                "Retry the payment with the same Idempotency-Key; the gateway continues from the step that failed. "
                    + "If it keeps failing, the operator resolves it from the console's unresolved payments."
            ),
            ru: (
                "Оплата не завершена",
                "Один из шагов оплаты не удался. В ответе указано, сколько зачислено, сколько зарезервировано "
                    + "и сколько осталось.",
                "Повторите оплату с тем же Idempotency-Key: шлюз продолжит с неудавшегося шага. Если ошибка "
                    + "повторяется, оператор разбирает её в списке нерешённых оплат консоли."
            )
        ),
        entry(
            "ot_unavailable",
            503,
            en: (
                "OT is unavailable",
                "OT is not accepting calls now (call limit, maintenance, a banned key) or cannot be reached.",
                "Retry after the number of seconds in Retry-After. GET /readyz shows whether the gateway reaches OT."
            ),
            ru: (
                "OT недоступен",
                "OT сейчас не принимает вызовы (лимит вызовов, обслуживание, блокировка ключа) или недоступен по сети.",
                "Повторите через столько секунд, сколько указано в Retry-After. GET /readyz показывает, "
                    + "доступен ли OT для шлюза."
            )
        ),
        entry(
            "outcome_unknown",
            503,
            en: (
                "The outcome is not known yet",
                "The connection to OT broke while a write was running, so it may or may not have taken effect.",
                "Retry with the same Idempotency-Key after Retry-After seconds; the gateway checks what happened "
                    + "before it sends anything again."
            ),
            ru: (
                "Результат пока неизвестен",
                "Связь с OT прервалась во время записи, поэтому неизвестно, выполнилась ли она.",
                "Повторите с тем же Idempotency-Key через указанное в Retry-After число секунд: шлюз сначала "
                    + "проверит, что произошло, и только потом отправит что-либо снова."
            )
        ),
        entry(
            "payment_reconciling",
            503,
            en: (
                "The payment is being reconciled",
                "The result of a deposit is not known yet, and the gateway is checking OT's account statement. "
                    + "The body carries the amounts known so far.",
                "Retry with the same Idempotency-Key after Retry-After seconds. Do not pay again with a new key."
            ),
            ru: (
                "Оплата сверяется",
                "Результат зачисления пока неизвестен, и шлюз сверяется с выпиской OT. В ответе — суммы, "
                    + "известные на этот момент.",
                "Повторите с тем же Idempotency-Key через указанное в Retry-After число секунд. "
                    + "Не оплачивайте повторно с новым ключом."
            )
        ),
        entry(
            "ot_timeout",
            504,
            en: (
                "OT did not answer in time",
                "The OT API call exceeded OTGW_OTAPI_READ_TIMEOUT or OTGW_OTAPI_WRITE_TIMEOUT.",
                "Retry reads. Retry writes with the same Idempotency-Key, so the gateway can tell whether "
                    + "the first attempt took effect."
            ),
            ru: (
                "OT не ответил вовремя",
                "Вызов OT API превысил OTGW_OTAPI_READ_TIMEOUT или OTGW_OTAPI_WRITE_TIMEOUT.",
                "Чтение просто повторите. Запись повторяйте с тем же Idempotency-Key, чтобы шлюз мог понять, "
                    + "выполнилась ли первая попытка."
            )
        ),
        entry(
            "internal_error",
            500,
            en: (
                "Internal server error",
                "The gateway failed to handle the request because of a bug. No details are shown.",
                "Send the requestId to the operator; the logs have the details."
            ),
            ru: (
                "Внутренняя ошибка сервера",
                "Шлюз не смог обработать запрос из-за ошибки в программе. Подробности не показываются.",
                "Передайте requestId оператору: подробности есть в журнале."
            )
        ),
    ]
}
