import { NotFoundContent } from "./components/landing";

export default function NotFound() {
  return <NotFoundContent />;
}
