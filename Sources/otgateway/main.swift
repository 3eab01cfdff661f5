print("otgateway")
