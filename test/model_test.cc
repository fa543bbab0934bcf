// Model helpers: enum names, timestamps, object names and the JSON writer.
#include "ingresskit/model.h"

#include "ingresskit/parse.h"
#include "test_util.h"

namespace ingresskit {
namespace {

using ::ingresskit::testing::ParseClean;
using ::ingresskit::testing::WithoutPositions;
using ::testing::HasSubstr;
using ::testing::Not;

TEST(ModelTest, PathTypeNamesRoundTrip) {
  for (PathType type : {PathType::kExact, PathType::kPrefix,
                        PathType::kImplementationSpecific}) {
    EXPECT_EQ(PathTypeFromString(ToString(type)), type);
  }
  EXPECT_EQ(ToString(PathType::kUnset), "");
  EXPECT_EQ(PathTypeFromString(""), std::nullopt);
  EXPECT_EQ(PathTypeFromString("prefix"), std::nullopt);
}

TEST(ModelTest, ServiceTypeNamesRoundTrip) {
  for (ServiceType type :
       {ServiceType::kClusterIP, ServiceType::kNodePort,
        ServiceType::kLoadBalancer, ServiceType::kExternalName}) {
    EXPECT_EQ(ServiceTypeFromString(ToString(type)), type);
  }
  EXPECT_EQ(ServiceTypeFromString("loadbalancer"), std::nullopt);
}

TEST(ModelTest, Rfc3339) {
  EXPECT_EQ(ParseRfc3339("1970-01-01T00:00:00Z"), (Timestamp{0, 0}));
  EXPECT_EQ(ParseRfc3339("2024-03-01T10:00:00Z"), (Timestamp{1709287200, 0}));
  EXPECT_EQ(ParseRfc3339("2024-03-01T12:00:00.5+02:00"),
            (Timestamp{1709287200, 500000000}));
  EXPECT_EQ(ParseRfc3339("1969-12-31T23:59:59.75Z"),
            (Timestamp{-1, 750000000}));
  for (std::string_view bad :
       {"", "2024-03-01", "2024-03-01T10:00:00", " 2024-03-01T10:00:00Z",
        "2024-02-30T00:00:00Z", "2024-03-01T25:00:00Z", "tomorrow"}) {
    EXPECT_EQ(ParseRfc3339(bad), std::nullopt) << bad;
  }
  EXPECT_EQ(FormatRfc3339(Timestamp{1709287200, 0}), "2024-03-01T10:00:00Z");
  EXPECT_EQ(FormatRfc3339(Timestamp{1709287200, 500000000}),
            "2024-03-01T10:00:00.5Z");
  EXPECT_LT((Timestamp{1, 0}), (Timestamp{1, 1}));
  EXPECT_LT((Timestamp{-1, 999999999}), (Timestamp{0, 0}));
}

TEST(ModelTest, DescribeObject) {
  ObjectMeta meta;
  meta.name = "web";
  EXPECT_EQ(DescribeObject("IngressClass", meta), "IngressClass web");
  meta.namespace_name = "shop";
  EXPECT_EQ(DescribeObject("Ingress", meta), "Ingress shop/web");
  meta.name.clear();
  EXPECT_EQ(DescribeObject("Ingress", meta), "Ingress shop/(unnamed)");
}

TEST(ModelTest, ToJsonKeepsEachObjectsApiVersionAndReadsBackEqual) {
  const ResourceSet set = ParseClean(R"(apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: istio, annotations: {ingressclass.kubernetes.io/is-default-class: "true"}}
spec: {controller: istio.io/ingress-controller}
---
apiVersion: v1
kind: Service
metadata: {name: istio-ingressgateway, namespace: istio-system}
spec:
  type: LoadBalancer
  externalIPs: [192.0.2.9]
  ports: [{name: http2, port: 80, targetPort: 8080, nodePort: 30080}, {name: https, port: 443, targetPort: https, protocol: TCP}]
status: {loadBalancer: {ingress: [{ip: 203.0.113.1}, {hostname: lb.example.net}]}}
---
apiVersion: extensions/v1beta1
kind: Ingress
metadata: {name: old, namespace: legacy, creationTimestamp: "2020-01-02T03:04:05Z", labels: {a: b}}
spec:
  ingressClassName: istio
  backend: {serviceName: fallback, servicePort: http}
  rules:
  - host: old.example.com
    http: {paths: [{path: /x/*, backend: {serviceName: x, servicePort: 80}}]}
  tls: [{hosts: [old.example.com], secretName: old-cert}, {}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: new}
spec:
  rules:
  - host: "*.example.com"
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {name: http}}}}
      - {path: /b, pathType: Exact, backend: {resource: {apiGroup: x.io, kind: Bucket, name: b}}}
  - {}
)");
  ASSERT_EQ(set.ingresses.size(), 2u);
  std::string json = ToJson(set);
  EXPECT_THAT(json, HasSubstr("\"servicePort\": \"http\""));
  EXPECT_THAT(json, HasSubstr("\"apiVersion\": \"extensions/v1beta1\""));
  EXPECT_THAT(json,
              HasSubstr("\"creationTimestamp\": \"2020-01-02T03:04:05Z\""));
  EXPECT_EQ(WithoutPositions(ParseClean(json)), WithoutPositions(set));

  std::string compact = ToJson(set, 0);
  EXPECT_THAT(compact, Not(HasSubstr("\n")));
  EXPECT_EQ(WithoutPositions(ParseClean(compact)), WithoutPositions(set));
}

TEST(ModelTest, ToJsonOfAnEmptySetIsAnEmptyList) {
  EXPECT_EQ(ToJson(ResourceSet{}, 0),
            R"({"apiVersion":"v1","kind":"List","items":[]})");
}

}  // namespace
}  // namespace ingresskit
