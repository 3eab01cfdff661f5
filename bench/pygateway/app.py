"""The comparison gateway: GET /orders/{id} written the usual Python way.

FastAPI on uvicorn, with one aiohttp client session to the OT API. It makes the same OT calls
as the Swift gateway's read (operator login once, then GetSalesOrderDetailsForOperator and
GetSalesPackageList one after the other), parses the XML with ElementTree and returns the
same order JSON shape. It has no store, so `externalId` is null and `payment` is
`{"state": "none"}`. Configuration comes from the environment:
BENCH_OTAPI_URL, BENCH_API_TOKEN, BENCH_OTAPI_MAX_CONNECTIONS.
"""

import asyncio
import hmac
import os
import re
import xml.etree.ElementTree as ElementTree
from contextlib import asynccontextmanager
from decimal import Decimal

import aiohttp
from fastapi import FastAPI, Header, HTTPException
from fastapi.responses import JSONResponse

OTAPI_URL = os.environ.get("BENCH_OTAPI_URL", "http://127.0.0.1:9090/service")
API_TOKEN = os.environ.get("BENCH_API_TOKEN", "bench-token")
MAX_CONNECTIONS = int(os.environ.get("BENCH_OTAPI_MAX_CONNECTIONS", "64"))
INSTANCE_KEY = "sim-instance-key"
OPERATOR = {"userLogin": "sim-operator", "userPassword": "sim-operator-password"}


class OTClient:
    def __init__(self):
        self.session = None
        self.operator_session = None
        self.login_lock = asyncio.Lock()

    async def call(self, method, parameters):
        form = {"instanceKey": INSTANCE_KEY, "language": "en", **parameters}
        async with self.session.post(f"{OTAPI_URL}/{method}", data=form) as response:
            if response.status != 200:
                raise HTTPException(502, f"OT answered {response.status} to {method}")
            root = ElementTree.fromstring(await response.read())
        if root.findtext("ErrorCode") != "Ok":
            raise HTTPException(502, f"OT rejected {method}: {root.findtext('ErrorDescription')}")
        return root

    async def operator_call(self, method, parameters):
        if self.operator_session is None:
            async with self.login_lock:
                if self.operator_session is None:
                    answer = await self.call("AuthenticateInstanceOperator", OPERATOR)
                    self.operator_session = answer.findtext("SessionId/Value") or answer.findtext("SessionId")
        return await self.call(method, {"sessionId": self.operator_session, **parameters})


ot = OTClient()


@asynccontextmanager
async def lifespan(_):
    ot.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=MAX_CONNECTIONS))
    yield
    await ot.session.close()


app = FastAPI(lifespan=lifespan)


def money(text):
    if text is None or text == "":
        return None
    return str(Decimal(text).quantize(Decimal("0.01")))


def number(text):
    return int(text) if text not in (None, "") else None


def boolean(text):
    return text == "true"


def non_empty(text):
    return text or None


def line_json(line):
    return {
        "id": line.findtext("Id"),
        "itemId": line.findtext("ItemId"),
        "configurationId": line.findtext("ConfigId") or "0",
        "quantity": number(line.findtext("Qty")),
        "status": {"id": number(line.findtext("StatusId")), "name": line.findtext("StatusName")},
        "isCancelled": boolean(line.findtext("IsCancelled")),
        "amount": money(line.findtext("AmountCust")),
        "providerOrderId": non_empty(line.findtext("VendPurchId")),
        "providerTrackingNumber": non_empty(line.findtext("VendPurchWaybill")),
    }


def package_json(package):
    return {
        "id": package.findtext("Id"),
        "trackingNumber": non_empty(package.findtext("DeliveryTrackingNum")),
        "status": package.findtext("StatusName") or package.findtext("StatusCode"),
    }


@app.get("/healthz")
async def healthz():
    return {"status": "ok"}


@app.get("/orders/{order_id}")
async def read_order(order_id: str, authorization: str = Header(default="")):
    if not hmac.compare_digest(authorization.encode(), f"Bearer {API_TOKEN}".encode()):
        raise HTTPException(401, "missing or unknown bearer token", headers={"WWW-Authenticate": "Bearer"})
    if re.fullmatch(r"\d{1,10}", order_id):
        order_id = f"ORD-{int(order_id):010d}"
    elif not re.fullmatch(r"ORD-\d{10}", order_id):
        raise HTTPException(400, "invalid order id")

    details = await ot.operator_call(
        "GetSalesOrderDetailsForOperator", {"salesId": order_id, "filter": "", "queryType": "0"}
    )
    packages = await ot.operator_call("GetSalesPackageList", {"salesId": order_id})
    info = details.find("Result/SalesOrderInfo")
    body = {
        "id": info.findtext("Id"),
        "externalId": None,
        "status": {"id": number(info.findtext("StatusId")), "name": info.findtext("StatusName")},
        "isPaid": boolean(info.findtext("IsPaid")),
        "isCancelled": boolean(info.findtext("IsCancelled")),
        "isCompleted": boolean(info.findtext("IsCompleted")),
        "currency": info.findtext("CurrencyCode"),
        "goodsAmount": money(info.findtext("GoodsAmount")),
        "deliveryAmount": money(info.findtext("DeliveryAmount")),
        "totalAmount": money(info.findtext("TotalAmount")),
        "remainAmount": money(info.findtext("RemainAmount")),
        "createdAt": info.findtext("CreatedDateTime"),
        "payment": {"state": "none"},
        "lines": [line_json(line) for line in details.iterfind("Result/SalesLinesList/SalesLine")],
        "packages": [package_json(package) for package in packages.iterfind("Result/Content/Item")],
        "rejectedLines": [],
    }
    return JSONResponse(body)
