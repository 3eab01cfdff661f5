-- wrk script: POSTs one OT API form body (the parameters the gateway sends for
-- GetSalesOrderDetailsForOperator) to the URL given on wrk's command line.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "instanceKey=sim-instance-key&language=en&sessionId=4accdf59-82b9-4e33-a4b4-6a30f4f8147b"
    .. "&salesId=ORD-0000000042&filter=&queryType=0"
