import type { Route } from './router';
import { hrefOf, useRoute } from './router';
import { ContactScreen } from './screens/contact-screen';
import { ContactsScreen } from './screens/contacts-screen';
import { DashboardScreen } from './screens/dashboard-screen';
import { NewContactScreen } from './screens/new-contact-screen';
import { PipelineScreen } from './screens/pipeline-screen';
import { SegmentsScreen } from './screens/segments-screen';

const sections = [
  { screen: 'contacts', label: 'Contacts' },
  { screen: 'pipeline', label: 'Pipeline' },
  { screen: 'segments', label: 'Segments' },
  { screen: 'dashboard', label: 'Dashboard' },
] as const;

/** Which sidebar entry a route belongs to: a contact's page sits under Contacts. */
function sectionOf(route: Route): string {
  return route.screen === 'contact' || route.screen === 'new-contact' ? 'contacts' : route.screen;
}

function Screen({ route }: { readonly route: Route }) {
  switch (route.screen) {
    case 'contact':
      return <ContactScreen key={route.id} id={route.id} />;
    case 'new-contact':
      return <NewContactScreen />;
    case 'pipeline':
      return <PipelineScreen />;
    case 'segments':
      return <SegmentsScreen />;
    case 'dashboard':
      return <DashboardScreen />;
    default:
      return <ContactsScreen />;
  }
}

/** The app shell: a sidebar of sections and the current screen. */
export function App() {
  const route = useRoute();
  const current = sectionOf(route);
  return (
    <div className="layout">
      <aside className="sidebar">
        <div className="brand">Rapport CRM</div>
        <nav>
          {sections.map((section) => (
            <a
              key={section.screen}
              href={hrefOf({ screen: section.screen })}
              aria-current={current === section.screen ? 'page' : undefined}
            >
              {section.label}
            </a>
          ))}
        </nav>
      </aside>
      <main>
        <Screen route={route} />
      </main>
    </div>
  );
}
